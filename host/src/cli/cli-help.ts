import { readFileSync } from 'node:fs';
import { SDK_VERSION } from '@atrium/sdk';
import type { CliContext, Command } from './cli-context.js';
import { COMMANDS } from './command-list.js';

/** `atrium help`, `atrium --help`, and `atrium` alone (on stderr). */
export function globalHelp(): string {
  return `usage: atrium [--store <dir>] [--json] [--validation safety|strict] <command> [...]
       atrium help <command> [<app>]     a command's usage (and an app's parameters for run / batch)
       atrium --version

global options (anywhere on the line):
  --store <dir>        data root (default: $ATRIUM_STORE or ./.atrium)
  --json               machine-readable output
  --validation <p>     receive validation for this command: safety or strict (default: atrium config get validation)
  --help, -h           help of the command
  --version            versions of atrium, the SDK and Node

commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(12)} ${c.summary}\n  ${' '.repeat(12)} ${c.usage}`).join('\n')}`;
}

/** `atrium help <command> [args]` / `atrium <command> [args] --help`: usage, summary, and the command's own help. */
export async function commandHelp(command: Command, args: readonly string[], ctx: CliContext): Promise<string> {
  const more = await command.help?.(args, ctx);
  return `usage: ${command.usage}\n${command.summary}${more ? `\n\n${more}` : ''}`;
}

/** `atrium --version`: the host package's version, the SDK's (plugins declare a range of it), Node's. */
export function versionText(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return `atrium ${pkg.version} (@atrium/sdk ${SDK_VERSION}, Node ${process.version})`;
}
