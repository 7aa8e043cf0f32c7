import { SdkError } from '@atrium/sdk';
import { VALIDATION_POLICIES, type ValidationPolicy } from '../store/validate-instance.js';
import { defaultStoreRoot } from '../workstation.js';
import type { CliContext, Command } from './cli-context.js';
import { aeCommand } from './commands/ae-command.js';
import { appsCommand } from './commands/apps-command.js';
import { batchCommand } from './commands/batch-command.js';
import { jobsCommand } from './commands/jobs-command.js';
import { runCommand } from './commands/run-command.js';
import { configCommand } from './commands/config-command.js';
import { conformanceCommand } from './commands/conformance-command.js';
import { deidCommand } from './commands/deid-command.js';
import { echoCommand } from './commands/echo-command.js';
import { findCommand } from './commands/find-command.js';
import { getCommand, moveCommand } from './commands/retrieve-command.js';
import { sendCommand } from './commands/send-command.js';
import { serveCommand } from './commands/serve-command.js';
import { exportCommand } from './commands/export-command.js';
import { pluginCommand } from './commands/plugin-command.js';
import { importCommand } from './commands/import-command.js';
import { lsCommand } from './commands/ls-command.js';
import { quarantineCommand } from './commands/quarantine-command.js';
import { reconcileCommand } from './commands/reconcile-command.js';
import { renderCommand } from './commands/render-command.js';
import { rmCommand } from './commands/rm-command.js';
import { showCommand } from './commands/show-command.js';

const COMMANDS: readonly Command[] = [
  importCommand, lsCommand, showCommand, exportCommand, rmCommand, reconcileCommand, quarantineCommand,
  appsCommand, runCommand, batchCommand, jobsCommand, conformanceCommand, pluginCommand, renderCommand,
  serveCommand, echoCommand, sendCommand, findCommand, moveCommand, getCommand, aeCommand, configCommand,
  deidCommand,
];

const GLOBAL_HELP = `usage: atrium [--store <dir>] [--json] [--validation safety|strict] <command> [...]

global options (anywhere on the line):
  --store <dir>        data root (default: $ATRIUM_STORE or ./.atrium)
  --json               machine-readable output
  --validation <p>     receive validation for this command: safety or strict (default: atrium config get validation)

commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(12)} ${c.summary}\n  ${' '.repeat(12)} ${c.usage}`).join('\n')}`;

/** Split the global options (accepted anywhere) from the command's own arguments. */
function splitGlobals(argv: readonly string[]): { globals: { store?: string; json: boolean; validation?: string; help: boolean }; rest: string[] } {
  const globals: { store?: string; json: boolean; validation?: string; help: boolean } = { json: false, help: false };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') globals.json = true;
    else if (a === '--help' || a === '-h') globals.help = true;
    else if (a === '--store' || a === '--validation') {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      if (a === '--store') globals.store = v;
      else globals.validation = v;
    } else if (a.startsWith('--store=')) globals.store = a.slice(8);
    else if (a.startsWith('--validation=')) globals.validation = a.slice(13);
    else rest.push(a);
  }
  return { globals, rest };
}

/** Run the CLI; returns the exit code (0 ok, 1 done with refusals/errors, 2 usage). */
export async function main(argv: readonly string[], io: Pick<CliContext, 'out' | 'err'> = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) }): Promise<number> {
  let parsed;
  try {
    parsed = splitGlobals(argv);
  } catch (e) {
    io.err(`atrium: ${(e as Error).message}`);
    return 2;
  }
  const { globals, rest } = parsed;
  const [name, ...args] = rest;
  const command = COMMANDS.find((c) => c.name === name);
  if (globals.help || !command) {
    (command || globals.help ? io.out : io.err)(command ? `usage: ${command.usage}\n${command.summary}` : GLOBAL_HELP);
    if (name && !command && !globals.help) io.err(`\natrium: unknown command "${name}"`);
    return command || globals.help ? 0 : 2;
  }
  const validation = globals.validation;
  if (validation !== undefined && !(VALIDATION_POLICIES as readonly string[]).includes(validation)) {
    io.err(`atrium: --validation must be ${VALIDATION_POLICIES.join(' or ')}, not "${validation}"`);
    return 2;
  }
  const ctx: CliContext = { store: globals.store ?? defaultStoreRoot(), json: globals.json, ...(validation ? { validation: validation as ValidationPolicy } : {}), ...io };
  try {
    return await command.run(args, ctx);
  } catch (e) {
    if (e instanceof SdkError) {
      io.err(globals.json ? JSON.stringify({ error: { code: e.code, message: e.message, details: e.details } }) : `atrium ${command.name}: ${e.message} [${e.code}]`);
      return 1;
    }
    if (e instanceof TypeError && (e as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      io.err(`atrium ${command.name}: ${e.message}\nusage: ${command.usage}`);
      return 2;
    }
    throw e;
  }
}
