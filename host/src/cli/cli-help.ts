import { PluginRegistry } from '../plugins/plugin-registry.js';
import { pluginErrorCodes } from '../plugins/plugin-error-codes.js';
import type { CliContext, Command, Services } from './cli-context.js';
import { loadCommands } from './command-list.js';
import { errorListText, listErrors, type PluginErrors } from './error-list.js';
import { hostSession } from './host-session.js';

/** The one rule for exit codes, as `atrium help` and the README state it. */
export const EXIT_STATUS = 'exit status: 0 done; 2 a usage mistake, nothing done (an unknown or malformed option, a bad parameter value, an unknown app parameter, a bad output path); 1 a failure while working (something not found, refused or not written).';

/** `atrium help`, `atrium --help`, and `atrium` alone (on stderr). */
export async function globalHelp(): Promise<string> {
  const commands = await loadCommands();
  return `usage: atrium [--store <dir>] [--json] [--validation safety|strict] <command> [...]
       atrium help <command> [<app>]     a command's usage (and an app's parameters for run / batch)
       atrium help errors                every error code with its meaning (the host's, the SDK's, each plugin's)
       atrium --version

global options (anywhere on the line):
  --store <dir>        data root (default: $ATRIUM_STORE or ./.atrium)
  --json               machine-readable output
  --validation <p>     receive validation for this command: safety or strict (default: atrium config get validation)
  --help, -h           help of the command
  --version            versions of atrium, the SDK and Node

${EXIT_STATUS}

commands:
${commands.map((c) => `  ${c.name.padEnd(12)} ${c.summary}\n  ${' '.repeat(12)} ${usageLines(c.usage).join(`\n  ${' '.repeat(12)} `)}`).join('\n')}`;
}

/** `atrium help <command> [args]` / `atrium <command> [args] --help`: usage, summary, and the command's own help. */
export async function commandHelp(command: Command, args: readonly string[], ctx: CliContext, use: Services<Command['uses']>): Promise<string> {
  const more = await command.help?.(args, ctx, use);
  return `usage: ${command.usage}\n${command.summary}${more ? `\n\n${more}` : ''}`;
}

/**
 * `atrium help errors`: every error code with its meaning, HTTP and DIMSE status — the
 * host's list (the SDK's included) and the codes each installed plugin declares (its code is
 * loaded to read them, as for `atrium run <app> --help`; no store is opened).
 */
export async function errorsHelp(args: readonly string[], ctx: Pick<CliContext, 'json' | 'out' | 'err'>, store: string): Promise<number> {
  if (args.length > 0) {
    const message = 'atrium help errors takes no arguments';
    ctx.err(ctx.json ? JSON.stringify({ error: { code: 'ATRIUM_ERR_CLI_USAGE', message, details: {} } }) : `atrium: ${message} [ATRIUM_ERR_CLI_USAGE]`);
    return 2;
  }
  const host = hostSession({ store, json: ctx.json, out: ctx.out, err: ctx.err });
  try {
    const registry = await host.services({ registry: PluginRegistry }).registry();
    const plugins: PluginErrors[] = [];
    for (const plugin of registry.list().filter((p) => p.state !== 'invalid' && p.manifest)) {
      try {
        const checked = pluginErrorCodes((await registry.load(plugin.id)).definition.errors);
        plugins.push({ pluginId: plugin.id, ...('codes' in checked ? { codes: checked.codes } : { problem: checked.problem }) });
      } catch (e) {
        plugins.push({ pluginId: plugin.id, problem: `${(e as Error).message}${(e as { code?: string }).code ? ` [${(e as { code: string }).code}]` : ''}` });
      }
    }
    const errors = listErrors(plugins);
    ctx.out(ctx.json ? JSON.stringify({ errors, plugins: plugins.filter((p) => 'problem' in p) }, null, 2) : errorListText(errors, plugins));
    return 0;
  } finally {
    await host.dispose();
  }
}

/** A usage of several forms (`usage: a\n       b`) as its forms, each `atrium ...`, for the command list. */
function usageLines(usage: string): string[] {
  return usage.split('\n').map((line) => line.trim());
}
