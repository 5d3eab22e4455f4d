import { AppError } from '../errors/app-error.ts';
import type { CliContext } from '../cli/context.ts';
import { loadRegister } from '../register/load-register.ts';
import type { Register } from '../register/register-schema.ts';

/**
 * The register a command works from: the folder named with `--register` (validated, not stored),
 * or else the current stored version. An invalid folder is `invalid_register` with every problem.
 */
export async function registerForCommand(context: CliContext, dir: string | undefined): Promise<Register> {
  if (dir === undefined) return context.withServices((services) => services.register.getCurrentRegister());
  const loaded = await loadRegister(dir);
  if (loaded.register === undefined)
    throw new AppError(
      'invalid_register',
      `The register in ${dir} is invalid; run \`custodian register validate ${dir}\``,
      {
        problems: loaded.problems.filter((p) => p.severity !== 'warning'),
      },
    );
  return loaded.register;
}
