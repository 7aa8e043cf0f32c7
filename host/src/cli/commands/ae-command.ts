import { parseArgs } from '../parse-args.js';
import { AE_ROLES, checkRemoteAe, DEFAULT_AE_ROLES, RemoteAeTable, type AeRole, type RemoteAe } from '../../net/config/remote-ae-table.js';
import { defineCommand, type CliContext } from '../cli-context.js';
import { printTable } from '../print-table.js';
import { usageCheck } from '../usage-check.js';
import { UsageError } from '../usage-error.js';

const USAGE = 'atrium ae add <title> --host <h> --port <n> [--alias <a>] [--roles store,query,call,commit,print] | atrium ae ls | atrium ae rm <title|alias>';

/** A command line this command cannot carry out: a usage error (exit 2, the usage line after it). */
function usage(_ctx: CliContext, problem: string): never {
  throw new UsageError('ATRIUM_ERR_CLI_USAGE', problem, {});
}

function show(ae: RemoteAe): Record<string, string | number> {
  return { title: ae.title, alias: ae.alias ?? '', host: ae.host, port: ae.port, roles: ae.roles.join(',') };
}

export const aeCommand = defineCommand({
  name: 'ae',
  usage: USAGE,
  summary: `Remote AE table: add (or replace) an AE, list them, remove one (roles: ${AE_ROLES.join(', ')}; default ${DEFAULT_AE_ROLES.join(',')})`,
  uses: { aes: RemoteAeTable },
  async run(args, ctx, use) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: { host: { type: 'string' }, port: { type: 'string' }, alias: { type: 'string' }, roles: { type: 'string' } },
    });
    const [verb, name, ...extra] = positionals;
    if (extra.length > 0) return usage(ctx, `unexpected argument "${extra[0]}"`);
    if (verb === 'ls' || verb === 'list' || verb === undefined) {
      if (name !== undefined) return usage(ctx, `unexpected argument "${name}"`);
      const list = (await use.aes()).list();
      if (ctx.json) ctx.out(JSON.stringify(list, null, 2));
      else ctx.out(list.length === 0 ? '(no remote AEs; add one with `atrium ae add`)' : printTable(list.map(show), ['title', 'alias', 'host', 'port', 'roles']));
      return 0;
    }
    if (verb === 'rm' || verb === 'remove') {
      if (name === undefined) return usage(ctx, 'rm needs the title or alias of the AE');
      const aes = await use.aes();
      const removed = aes.require(name);
      aes.remove(removed.title);
      ctx.out(ctx.json ? JSON.stringify({ removed }, null, 2) : `removed remote AE ${removed.title}${removed.alias ? ` (${removed.alias})` : ''}`);
      return 0;
    }
    if (verb !== 'add') return usage(ctx, `unknown subcommand "${verb}"`);
    if (name === undefined) return usage(ctx, 'add needs an AE title');
    if (values.host === undefined || values.port === undefined) return usage(ctx, 'add needs --host and --port');
    if (!/^\d+$/.test(values.port.trim())) throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', `--port must be a whole number from 1 to 65535, not "${values.port}"`, { option: '--port', value: values.port });
    const roles = (values.roles ?? DEFAULT_AE_ROLES.join(',')).split(',').map((r) => r.trim()).filter((r) => r !== '');
    const ae: RemoteAe = { title: name, host: values.host, port: Number(values.port), roles: roles as AeRole[], ...(values.alias === undefined ? {} : { alias: values.alias }) };
    // Checked before the table is opened: a refused entry creates no store.
    usageCheck(() => checkRemoteAe(ae));
    const aes = await use.aes();
    const replaced = aes.find(name)?.title === name.trim();
    const stored = { ae: aes.add(ae), replaced };
    ctx.out(ctx.json ? JSON.stringify(stored.ae, null, 2) : `${stored.replaced ? 'replaced' : 'added'} remote AE ${stored.ae.title} at ${stored.ae.host}:${stored.ae.port} (roles ${stored.ae.roles.join(',')})${stored.ae.alias ? `, alias ${stored.ae.alias}` : ''}`);
    return 0;
  },
});
