import type { Command } from './cli-context.js';

/**
 * Every `atrium` command, in the order the help lists them, each loaded when it runs (a
 * command loads only its own code and the services it uses).
 */
export const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  import: async () => (await import('./commands/import-command.js')).importCommand,
  ls: async () => (await import('./commands/ls-command.js')).lsCommand,
  show: async () => (await import('./commands/show-command.js')).showCommand,
  export: async () => (await import('./commands/export-command.js')).exportCommand,
  rm: async () => (await import('./commands/rm-command.js')).rmCommand,
  reconcile: async () => (await import('./commands/reconcile-command.js')).reconcileCommand,
  quarantine: async () => (await import('./commands/quarantine-command.js')).quarantineCommand,
  apps: async () => (await import('./commands/apps-command.js')).appsCommand,
  run: async () => (await import('./commands/run-command.js')).runCommand,
  batch: async () => (await import('./commands/batch-command.js')).batchCommand,
  jobs: async () => (await import('./commands/jobs-command.js')).jobsCommand,
  conformance: async () => (await import('./commands/conformance-command.js')).conformanceCommand,
  plugin: async () => (await import('./commands/plugin-command.js')).pluginCommand,
  render: async () => (await import('./commands/render-command.js')).renderCommand,
  serve: async () => (await import('./commands/serve-command.js')).serveCommand,
  web: async () => (await import('./commands/web-command.js')).webCommand,
  echo: async () => (await import('./commands/echo-command.js')).echoCommand,
  send: async () => (await import('./commands/send-command.js')).sendCommand,
  find: async () => (await import('./commands/find-command.js')).findCommand,
  move: async () => (await import('./commands/retrieve-command.js')).moveCommand,
  get: async () => (await import('./commands/retrieve-command.js')).getCommand,
  ae: async () => (await import('./commands/ae-command.js')).aeCommand,
  config: async () => (await import('./commands/config-command.js')).configCommand,
  deid: async () => (await import('./commands/deid-command.js')).deidCommand,
};

/** The command names, in help order. */
export const COMMAND_NAMES: readonly string[] = Object.keys(COMMANDS);

/** Every command, loaded (for the help listing). */
export function loadCommands(): Promise<Command[]> {
  return Promise.all(Object.values(COMMANDS).map((load) => load()));
}

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
