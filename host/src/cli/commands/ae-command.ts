import { parseArgs } from '../parse-args.js';
import { AE_ROLES, checkRemoteAe, DEFAULT_AE_ROLES, RemoteAeTable, type AeRole, type RemoteAe } from '../../net/config/remote-ae-table.js';
import { SettingTable } from '../../db/setting-table.js';
import { applyPrinterProfile, DEFAULT_PRINTER_PROFILE, describePrinterProfile, loadPrinterProfile, savePrinterProfile, type PrinterProfileText } from '../../net/config/printer-profile.js';
import { defineCommand, type CliContext } from '../cli-context.js';
import { printTable } from '../print-table.js';
import { usageCheck } from '../usage-check.js';
import { UsageError } from '../usage-error.js';

const USAGE = 'atrium ae add <title> --host <h> --port <n> [--alias <a>] [--roles store,query,call,commit,print] [--verify-before-send on|off] [--print-matrix n|default] [--print-bits 8|12] [--print-annotation <format id>|none] [--print-label on|off] | atrium ae ls | atrium ae rm <title|alias>';

/** A command line this command cannot carry out: a usage error (exit 2, the usage line after it). */
function usage(_ctx: CliContext, problem: string): never {
  throw new UsageError('ATRIUM_ERR_CLI_USAGE', problem, {});
}

function show(ae: RemoteAe, settings: SettingTable): Record<string, string | number> {
  return {
    title: ae.title, alias: ae.alias ?? '', host: ae.host, port: ae.port, roles: ae.roles.join(','), verify: ae.verifyBeforeSend === false ? 'off' : 'on',
    printer: ae.roles.includes('print') ? describePrinterProfile(loadPrinterProfile(settings, ae.title)) : '',
  };
}

/** The options given, without the absent ones. */
const definedOnly = (t: Record<keyof PrinterProfileText, string | undefined>): PrinterProfileText => Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined));

export const aeCommand = defineCommand({
  name: 'ae',
  usage: USAGE,
  summary: `Remote AE table: add (or replace) an AE, list them, remove one (roles: ${AE_ROLES.join(', ')}; default ${DEFAULT_AE_ROLES.join(',')})`,
  uses: { aes: RemoteAeTable, settings: SettingTable },
  async run(args, ctx, use) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: { host: { type: 'string' }, port: { type: 'string' }, alias: { type: 'string' }, roles: { type: 'string' }, 'verify-before-send': { type: 'string' },
        'print-matrix': { type: 'string' }, 'print-bits': { type: 'string' }, 'print-annotation': { type: 'string' }, 'print-label': { type: 'string' } },
    });
    const [verb, name, ...extra] = positionals;
    if (extra.length > 0) return usage(ctx, `unexpected argument "${extra[0]}"`);
    if (verb === 'ls' || verb === 'list' || verb === undefined) {
      if (name !== undefined) return usage(ctx, `unexpected argument "${name}"`);
      const [aes, settings] = await Promise.all([use.aes(), use.settings()]);
      const list = aes.list();
      const withPrinters = list.map((ae) => (ae.roles.includes('print') ? { ...ae, printer: loadPrinterProfile(settings, ae.title) } : ae));
      if (ctx.json) ctx.out(JSON.stringify(withPrinters, null, 2));
      else ctx.out(list.length === 0 ? '(no remote AEs; add one with `atrium ae add`)' : printTable(list.map((ae) => show(ae, settings)), ['title', 'alias', 'host', 'port', 'roles', 'verify', ...(list.some((ae) => ae.roles.includes('print')) ? ['printer'] : [])]));
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
    const verify = values['verify-before-send'];
    if (verify !== undefined && verify !== 'on' && verify !== 'off') return usage(ctx, `--verify-before-send must be on or off, not "${verify}"`);
    const roles = (values.roles ?? DEFAULT_AE_ROLES.join(',')).split(',').map((r) => r.trim()).filter((r) => r !== '');
    const ae: RemoteAe = { title: name, host: values.host, port: Number(values.port), roles: roles as AeRole[], ...(values.alias === undefined ? {} : { alias: values.alias }), ...(verify === 'off' ? { verifyBeforeSend: false } : {}) };
    const printText = { matrix: values['print-matrix'], bits: values['print-bits'], annotation: values['print-annotation'], label: values['print-label'] };
    const hasPrint = Object.values(printText).some((v) => v !== undefined);
    if (hasPrint && !roles.includes('print')) return usage(ctx, '--print-matrix, --print-bits, --print-annotation and --print-label are settings of a printer: add --roles with print');
    // Checked before the table is opened: a refused entry creates no store.
    usageCheck(() => checkRemoteAe(ae));
    if (hasPrint) usageCheck(() => applyPrinterProfile(DEFAULT_PRINTER_PROFILE, definedOnly(printText)));
    const [aes, settings] = await Promise.all([use.aes(), use.settings()]);
    const replaced = aes.find(name)?.title === name.trim();
    const profile = hasPrint ? applyPrinterProfile(loadPrinterProfile(settings, name.trim()), definedOnly(printText)) : undefined;
    const stored = { ae: aes.add(ae), replaced };
    if (profile) savePrinterProfile(settings, stored.ae.title, profile);
    ctx.out(ctx.json ? JSON.stringify(stored.ae, null, 2) : `${stored.replaced ? 'replaced' : 'added'} remote AE ${stored.ae.title} at ${stored.ae.host}:${stored.ae.port} (roles ${stored.ae.roles.join(',')}${stored.ae.verifyBeforeSend === false ? ', no C-ECHO before sending' : ''})${stored.ae.alias ? `, alias ${stored.ae.alias}` : ''}${profile ? `; printer ${describePrinterProfile(profile)}` : ''}`);
    return 0;
  },
});
