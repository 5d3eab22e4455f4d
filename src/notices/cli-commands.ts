import fs from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { CliContext } from '../cli/context.ts';
import { registerPolicyDocumentCommands } from '../policy-document/cli-commands.ts';
import { registerForCommand } from '../ropa/register-source.ts';
import { buildNotice } from './build-notice.ts';
import { renderNoticeHtml, renderNoticeMarkdown } from './render-notice.ts';

export function registerNoticeCommands(program: Command, context: CliContext): void {
  const notice = program
    .command('notice')
    .description('Privacy notices, one per audience: render, publish as immutable versions, history');

  notice
    .command('render')
    .description("Render an audience's privacy notice from the register, without publishing it")
    .requiredOption('--audience <id>', 'the audience, as named in the register')
    .addOption(new Option('--format <format>', 'html or md').choices(['html', 'md']).default('md'))
    .option('--register <dir>', 'a folder of register files (default: the current stored version)')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (options: { audience: string; format: 'html' | 'md'; register?: string; out?: string }) => {
      const register = await registerForCommand(context, options.register);
      const built = buildNotice(register, options.audience);
      const text = options.format === 'html' ? renderNoticeHtml(built) : renderNoticeMarkdown(built);
      await write(context, text, options.out);
    });

  notice
    .command('publish')
    .description("Publish an audience's notice from the current register as its next version")
    .requiredOption('--audience <id>', 'the audience, as named in the register')
    .action(async (options: { audience: string }) => {
      const result = await context.withServices((services) =>
        services.notices.publish(options.audience, 'cli'),
      );
      const n = result.notice;
      context.out(
        result.published
          ? `Published version ${String(n.version)} of the notice for ${n.audienceId} (sha256 ${n.contentHash}), from register version ${String(n.registerVersion)}.\n`
          : `The notice for ${n.audienceId} is the same as version ${String(n.version)} (sha256 ${n.contentHash}): nothing published.\n`,
      );
    });

  notice
    .command('history')
    .description("Every published version of an audience's notice, newest first")
    .requiredOption('--audience <id>', 'the audience, as named in the register')
    .action(async (options: { audience: string }) => {
      const versions = await context.withServices((services) =>
        services.notices.listVersions(options.audience),
      );
      if (versions.length === 0) {
        context.out(`No notice has been published for ${options.audience}.\n`);
        return;
      }
      for (const v of versions)
        context.out(
          `${String(v.version).padStart(4)}  ${v.publishedAt}  ${v.publishedBy}  register v${String(v.registerVersion)}  sha256 ${v.contentHash}\n`,
        );
    });

  notice
    .command('list')
    .description(
      'Each audience of the current register, its published version and whether that is up to date',
    )
    .action(async () => {
      const listings = await context.withServices((services) => services.notices.list());
      for (const l of listings)
        context.out(
          `${l.audienceId}  ${l.audienceName}  ${
            l.current === undefined
              ? 'not published'
              : `version ${String(l.current.version)} (${l.current.publishedAt.slice(0, 10)}), ${l.isUpToDate ? 'up to date' : 'out of date: publish again'}`
          }\n`,
        );
    });

  registerPolicyDocumentCommands(program, context);
}

/** Writes to a file when one is named, otherwise to standard output. */
export async function write(context: CliContext, text: string, out: string | undefined): Promise<void> {
  if (out === undefined) {
    context.out(text);
    return;
  }
  await fs.mkdir(path.dirname(path.resolve(out)), { recursive: true });
  await fs.writeFile(out, text, 'utf8');
  context.out(`Wrote ${out}\n`);
}
