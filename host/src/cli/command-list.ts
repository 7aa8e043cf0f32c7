import type { Command } from './cli-context.js';
import { aeCommand } from './commands/ae-command.js';
import { appsCommand } from './commands/apps-command.js';
import { batchCommand } from './commands/batch-command.js';
import { configCommand } from './commands/config-command.js';
import { conformanceCommand } from './commands/conformance-command.js';
import { deidCommand } from './commands/deid-command.js';
import { echoCommand } from './commands/echo-command.js';
import { exportCommand } from './commands/export-command.js';
import { findCommand } from './commands/find-command.js';
import { importCommand } from './commands/import-command.js';
import { jobsCommand } from './commands/jobs-command.js';
import { lsCommand } from './commands/ls-command.js';
import { pluginCommand } from './commands/plugin-command.js';
import { quarantineCommand } from './commands/quarantine-command.js';
import { reconcileCommand } from './commands/reconcile-command.js';
import { renderCommand } from './commands/render-command.js';
import { getCommand, moveCommand } from './commands/retrieve-command.js';
import { rmCommand } from './commands/rm-command.js';
import { runCommand } from './commands/run-command.js';
import { sendCommand } from './commands/send-command.js';
import { serveCommand } from './commands/serve-command.js';
import { showCommand } from './commands/show-command.js';
import { webCommand } from './commands/web-command.js';

/** Every `atrium` command, in the order the help lists them. */
export const COMMANDS: readonly Command[] = [
  importCommand, lsCommand, showCommand, exportCommand, rmCommand, reconcileCommand, quarantineCommand,
  appsCommand, runCommand, batchCommand, jobsCommand, conformanceCommand, pluginCommand, renderCommand,
  serveCommand, webCommand, echoCommand, sendCommand, findCommand, moveCommand, getCommand, aeCommand, configCommand,
  deidCommand,
];

const always = (): boolean => true;

/**
 * The commands that, with the given arguments, only make sense on an existing store (they list,
 * read, send or process what is stored, or use its AE table and settings): where there is none
 * the CLI says so (`ATRIUM_ERR_CLI_NO_STORE`) instead of creating an empty store. The others
 * create the store when they need one (import, serve, ae add, config set) or use none (apps,
 * plugin, conformance of the apps, deid of files).
 */
export const READS_STORE: Readonly<Record<string, (args: readonly string[]) => boolean>> = {
  ls: always, show: always, export: always, rm: always, reconcile: always, quarantine: always, render: always,
  run: always, batch: always, jobs: always, send: always, echo: always, find: always, move: always, get: always,
  deid: (args) => args.some((a) => a === '--where' || a.startsWith('--where=')),
  config: (args) => args[0] !== 'set',
  ae: (args) => args[0] !== 'add',
  conformance: (args) => args.includes('--network'),
};
