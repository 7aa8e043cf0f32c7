import { writeFileSync } from 'node:fs';
import { Index } from '../../db/dicom-index.js';
import { resolveUid } from '../../db/resolve-uid.js';
import type { SettingTable } from '../../db/setting-table.js';
import { AtriumError } from '../../errors/atrium-error.js';
import { loadNetworkConfig } from '../../net/config/index.js';
import { DEFAULT_PRINTER_PROFILE, loadPrinterProfile, type PrinterProfile } from '../../net/config/printer-profile.js';
import { RemoteAeTable } from '../../net/config/remote-ae-table.js';
import { PrintJob, type PrintPayload, type PrintResult } from '../../net/jobs/print-job.js';
import { encodePng } from '../../render/encode-png.js';
import { byPosition, isImage } from '../../render/images-in-order.js';
import { composeFilm, printImages } from '../../render/print-images.js';
import { FileStore } from '../../store/file-store.js';
import { InstanceStore } from '../../store/instance-store.js';
import { defineCommand } from '../cli-context.js';
import { parseWindow } from '../option-values.js';
import { checkOutputFile } from '../../io/check-output-file.js';
import { parseArgs } from '../parse-args.js';
import { NET_JOB_USES, runNetJob } from '../run-net-job.js';
import { usageCheck } from '../usage-check.js';
import { UsageError } from '../usage-error.js';

const USAGE = [
  'atrium print <uid...> <printer-ae> [--layout CxR] [--film-size 14INX17IN] [--orientation portrait|landscape] [--copies n] [--window c,w] [--color]',
  'atrium print <uid...> --preview out.png [--printer <ae>] [--layout CxR] [--window c,w] [--color]',
].join('\n       ');

/** `2x2`, `3,4` → columns and rows (1…10 each, PS3.3 §C.13.5.1 STANDARD\C,R). */
function parseLayout(text: string): { columns: number; rows: number } {
  const m = /^([1-9]|10)[x,]([1-9]|10)$/i.exec(text.trim());
  if (!m) throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', `--layout must be <columns>x<rows>, each 1 to 10 (e.g. 2x2), not "${text}"`, { option: '--layout' });
  return { columns: Number(m[1]), rows: Number(m[2]) };
}

/**
 * The settings of the printer `--preview --printer` names: an AE of the table with role `print`
 * (a misspelt or unknown title is refused, never previewed with the defaults).
 * @throws AtriumError `ATRIUM_ERR_AE_UNKNOWN` / `ATRIUM_ERR_AE_ROLE`.
 */
function previewProfile(aes: RemoteAeTable, settings: SettingTable, printer: string | undefined): PrinterProfile {
  if (printer === undefined) return DEFAULT_PRINTER_PROFILE;
  const ae = aes.require(printer.trim());
  if (!ae.roles.includes('print')) {
    throw new AtriumError('ATRIUM_ERR_AE_ROLE', `--printer ${ae.title} is not a printer: it does not have the role "print" in the AE table (it has ${ae.roles.join(', ')}); atrium ae add ${ae.title} --host ${ae.host} --port ${ae.port} --roles ${[...ae.roles, 'print'].join(',')} gives it`, { ae: ae.title, role: 'print' });
  }
  return loadPrinterProfile(settings, ae.title);
}

/** `out.png` for the first film, `out-2.png`, … for the next. */
const previewPath = (path: string, film: number): string => (film === 0 ? path : path.replace(/(\.png)?$/i, `-${film + 1}.png`));

export const printCommand = defineCommand({
  name: 'print',
  usage: USAGE,
  summary: 'Print stored images on a DICOM printer (Basic Grayscale, or Basic Color with --color; AE role print, its matrix, depth and annotation from `atrium ae add --print-*`; the patient\'s name, ID and study date on each film; a job retried up to printRetries times), or write the films as PNG without a printer (--preview)',
  uses: { ...NET_JOB_USES, index: Index, files: FileStore, store: InstanceStore, aes: RemoteAeTable },
  async run(args, ctx, use) {
    const { positionals, values } = parseArgs({
      args, allowPositionals: true,
      options: { layout: { type: 'string', default: '1x1' }, 'film-size': { type: 'string' }, orientation: { type: 'string' }, copies: { type: 'string', default: '1' }, window: { type: 'string' }, preview: { type: 'string' }, color: { type: 'boolean', default: false }, printer: { type: 'string' } },
    });
    const { columns, rows } = parseLayout(values.layout);
    const copies = Number(values.copies);
    if (!Number.isInteger(copies) || copies < 1 || copies > 99) throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', `--copies must be a whole number from 1 to 99, not "${values.copies}"`, { option: '--copies' });
    const window = values.window === undefined ? undefined : parseWindow(values.window);
    if (window === null) throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', `--window must be <center>,<width> with a width ≥ 1, not "${values.window}"`, { option: '--window' });
    const orientation = values.orientation?.toUpperCase();
    if (orientation !== undefined && orientation !== 'PORTRAIT' && orientation !== 'LANDSCAPE') throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', `--orientation must be portrait or landscape, not "${values.orientation}"`, { option: '--orientation' });
    const filmSize = values['film-size']?.toUpperCase();
    if (filmSize !== undefined && !/^[0-9A-Z]{1,16}$/.test(filmSize)) throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', `--film-size must be a Film Size ID such as 14INX17IN or A4, not "${values['film-size']}"`, { option: '--film-size' });
    if (values.preview !== undefined) {
      if (positionals.length === 0) throw new UsageError('ATRIUM_ERR_CLI_USAGE', '--preview needs the UIDs of the images to lay out', { option: '--preview' });
      const printerOnly = ['--film-size', '--orientation', '--copies'].filter((o) => args.some((a) => a === o || a.startsWith(`${o}=`)));
      if (printerOnly.length > 0) throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', `${printerOnly.join(', ')} ${printerOnly.length === 1 ? 'is' : 'are'} for a printer, not --preview (the PNG is the film's layout at the printer's matrix)`, { option: printerOnly[0] });
      usageCheck(() => checkOutputFile(values.preview!, [{ path: ctx.store, what: 'the store' }], 'ATRIUM_ERR_CLI_OUT'), '--preview');
      const [index, files, store, settings, aes] = await Promise.all([use.index(), use.files(), use.store(), use.settings(), use.aes()]);
      const profile = previewProfile(aes, settings, values.printer);
      const instances = positionals.flatMap((uid) => resolveUid(index, uid).instances.filter(isImage).sort(byPosition));
      if (instances.length === 0) throw new AtriumError('ATRIUM_ERR_NET_BAD_REQUEST', `Nothing to preview: ${positionals.join(', ')} name no images (print takes image objects, not SR, KOS or other non-image objects)`, { uids: positionals });
      const matrix = profile.matrix ?? loadNetworkConfig(settings).printMatrix;
      const images = await printImages(instances, (p) => files.absolute(p), store.limits, { matrix, bits: profile.bits, color: values.color, burnLabel: profile.label, ...(window ? { window } : {}) });
      const written: string[] = [];
      for (let at = 0; at < images.length; at += columns * rows) {
        const path = previewPath(values.preview, written.length);
        writeFileSync(path, encodePng(composeFilm(images.slice(at, at + columns * rows), columns, rows, matrix)));
        written.push(path);
      }
      ctx.out(ctx.json ? JSON.stringify({ written }, null, 2) : written.map((w) => `${w}  film ${columns}x${rows}, ${columns * matrix}×${rows * matrix}`).join('\n'));
      return 0;
    }
    const ae = positionals.at(-1);
    const uids = positionals.slice(0, -1);
    if (!ae) throw new UsageError('ATRIUM_ERR_CLI_USAGE', 'give the UIDs of the images to print and then the printer AE (or --preview out.png)', {});
    if (uids.length === 0) throw new UsageError('ATRIUM_ERR_CLI_USAGE', `give the UIDs of the images to print before the printer AE "${ae}"`, { ae });
    const payload: PrintPayload = { ae, uids, columns, rows, copies, ...(filmSize ? { filmSize } : {}), ...(orientation ? { orientation } : {}), ...(window ? { window } : {}), ...(values.color ? { color: true } : {}) };
    const job = await runNetJob(use, ctx, PrintJob, payload, `print ${uids.length === 1 ? uids[0] : `${uids.length} UIDs`} on ${ae}`);
    if (job.state !== 'completed') {
      if (ctx.json) ctx.out(JSON.stringify({ job }, null, 2));
      return 1;
    }
    const r = job.result as PrintResult;
    if (ctx.json) ctx.out(JSON.stringify({ job: job.id, ...r }, null, 2));
    else {
      ctx.out(`${r.ae}: ${r.films.length} ${payload.color ? 'colour ' : ''}film(s) printed, ${r.films.reduce((n, f) => n + f.imageBoxes, 0)} images (job ${job.id})${r.films.some((f) => f.annotated) ? ', patient in the annotation box' : ''}${r.films[0]?.printerStatus ? `; printer ${r.films[0].printerStatus}` : ''}`);
      for (const w of r.films.flatMap((f) => f.warnings)) ctx.out(`  ${w}`);
    }
    return 0;
  },
});
