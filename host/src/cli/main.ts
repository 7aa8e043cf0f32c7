import type { AtriumErrorCode } from '../errors/codes.js';
import { closestName } from '@atrium/sdk/core';
import { VALIDATION_POLICIES, type ValidationPolicy } from '../store/validation-policy.js';
import { defaultStoreRoot, storeExists } from '../store/store-root.js';
import type { CliContext, Command } from './cli-context.js';
import { COMMAND_NAMES, COMMANDS, READS_STORE } from './command-list.js';

// Start-up time: what a command does not use is imported when it is needed (the help, the
// error report, the host session, the error classes), so that `atrium --version` and
// `atrium ls` load little more than their own code (see bench/README.md, CLI start-up).

/** The global options, accepted anywhere on the line. */
interface Globals {
  store?: string;
  json: boolean;
  validation?: string;
  help: boolean;
  version: boolean;
}

/** A usage problem of the global options: its code, message and details. */
interface GlobalsProblem {
  code: AtriumErrorCode;
  message: string;
  details: Record<string, unknown>;
}

/** Split the global options from the command's own arguments (`--` ends option parsing). */
function splitGlobals(argv: readonly string[]): { globals: Globals; rest: string[] } | { problem: GlobalsProblem } {
  const globals: Globals = { json: false, help: false, version: false };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    const [option, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (a === '--json') globals.json = true;
    else if (a === '--help' || a === '-h') globals.help = true;
    else if (a === '--version') globals.version = true;
    else if (option === '--store' || option === '--validation') {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '' || (inline === undefined && v.startsWith('-'))) {
        return { problem: { code: 'ATRIUM_ERR_CLI_BAD_OPTION', message: `${option} needs a value (${option === '--store' ? 'a folder' : 'safety or strict'})`, details: { option } } };
      }
      if (option === '--store') globals.store = v;
      else globals.validation = v;
    } else rest.push(a);
  }
  return { globals, rest };
}

/** Where the store of this run is, and how it was chosen (for "no store here" messages). */
function storeOf(globals: Globals): { store: string; chosenBy: string } {
  if (globals.store !== undefined) return { store: globals.store, chosenBy: '--store' };
  return { store: defaultStoreRoot(), chosenBy: process.env.ATRIUM_STORE ? '$ATRIUM_STORE' : 'the default, ./.atrium' };
}

/** A command that reads what is stored, run where there is no store: say so, create nothing. */
async function requireStore(command: Command, args: readonly string[], store: string, chosenBy: string): Promise<void> {
  if (!(READS_STORE[command.name]?.(args) ?? false) || storeExists(store)) return;
  const { AtriumError } = await import('../errors/atrium-error.js');
  throw new AtriumError(
    'ATRIUM_ERR_CLI_NO_STORE',
    `there is no Atrium store at ${store} (${chosenBy}); nothing was created. \`atrium import <files>\` creates one there; --store <dir> or $ATRIUM_STORE name another`,
    { store },
  );
}

/** A usage problem found before any command runs: one line with its code (JSON under --json), exit 2. */
function usageProblem(io: Pick<CliContext, 'err'>, json: boolean, code: AtriumErrorCode, message: string, details: Record<string, unknown> = {}): number {
  io.err(json ? JSON.stringify({ error: { code, message, details } }) : `atrium: ${message} [${code}]`);
  return 2;
}

/** Run the CLI; returns the exit code (0 ok, 1 done with refusals/errors, 2 usage). */
export async function main(argv: readonly string[], io: Pick<CliContext, 'out' | 'err'> = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) }): Promise<number> {
  const parsed = splitGlobals(argv);
  if ('problem' in parsed) return usageProblem(io, argv.includes('--json'), parsed.problem.code, parsed.problem.message, parsed.problem.details);
  const { globals, rest } = parsed;
  if (globals.version) {
    io.out((await import('./version-text.js')).versionText());
    return 0;
  }
  let [name, ...args] = rest;
  let help = globals.help;
  if (name === 'help') {
    help = true;
    [name, ...args] = args;
  }
  if (name === undefined) {
    const { globalHelp } = await import('./cli-help.js');
    if (help) {
      io.out(await globalHelp());
      return 0;
    }
    if (!globals.json) io.err(await globalHelp());
    return usageProblem(io, globals.json, 'ATRIUM_ERR_CLI_USAGE', 'no command given (`atrium help` lists the commands)');
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (help && load === undefined && name === 'errors') return (await import('./cli-help.js')).errorsHelp(args, { json: globals.json, ...io }, storeOf(globals).store);
  if (!load) {
    const near = closestName(name, COMMAND_NAMES);
    const message = `unknown command "${name}"${near ? `: did you mean ${near}?` : ''} (\`atrium help\` lists the commands)`;
    return usageProblem(io, globals.json, 'ATRIUM_ERR_CLI_UNKNOWN_COMMAND', message, { command: name, ...(near ? { suggestion: near } : {}) });
  }
  const validation = globals.validation;
  if (validation !== undefined && !(VALIDATION_POLICIES as readonly string[]).includes(validation)) {
    return usageProblem(io, globals.json, 'ATRIUM_ERR_CLI_BAD_OPTION', `--validation must be ${VALIDATION_POLICIES.join(' or ')}, not "${validation}"`, { option: '--validation', value: validation });
  }
  const { store, chosenBy } = storeOf(globals);
  const ctx: CliContext = { store, json: globals.json, ...(validation ? { validation: validation as ValidationPolicy } : {}), ...io };
  const command = await load();
  const host = (await import('./host-session.js')).hostSession(ctx, { readOnly: command.readsOnly === true });
  let failed = false;
  try {
    if (help) {
      const { commandHelp } = await import('./cli-help.js');
      io.out(await commandHelp(command, args, ctx, host.services(command.uses)));
      return 0;
    }
    await requireStore(command, args, store, chosenBy);
    return await command.run(args, ctx, host.services(command.uses));
  } catch (e) {
    failed = true;
    return (await import('./report-error.js')).reportError(e, command, ctx);
  } finally {
    // After a reported failure, a service that failed to open (an unreadable index, a bad
    // store.json) fails again when the container is disposed: nothing was opened to close.
    await host.dispose().catch((e: unknown) => {
      if (!failed) throw e;
    });
  }
}
