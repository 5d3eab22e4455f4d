import { Option, type Command } from 'commander';
import type { CliContext } from '../cli/context.ts';
import { renderDocumentHtml, renderDocumentMarkdown } from '../notices/render-notice.ts';
import { registerForCommand } from '../ropa/register-source.ts';
import { buildPolicyDocument } from './build-policy-document.ts';

export const NO_POLICY_DOCUMENT =
  'No appropriate policy document is needed: no activity relies on a DPA 2018 Schedule 1 condition that requires one.';

export function registerPolicyDocumentCommands(program: Command, context: CliContext): void {
  program
    .command('policy-document')
    .description('The appropriate policy document (DPA 2018 Sch 1 Part 4), where the register needs one')
    .command('render')
    .description('Render the appropriate policy document from the register')
    .addOption(new Option('--format <format>', 'md or html').choices(['md', 'html']).default('md'))
    .option('--register <dir>', 'a folder of register files (default: the current stored version)')
    .action(async (options: { format: 'md' | 'html'; register?: string }) => {
      const document = buildPolicyDocument(await registerForCommand(context, options.register));
      if (document === undefined) {
        context.out(`${NO_POLICY_DOCUMENT}\n`);
        return;
      }
      context.out(
        options.format === 'html' ? renderDocumentHtml(document) : renderDocumentMarkdown(document),
      );
    });
}
