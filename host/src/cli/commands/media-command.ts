import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { Index } from '../../db/dicom-index.js';
import { resolveUid } from '../../db/resolve-uid.js';
import { AtriumError, isAtriumError } from '../../errors/atrium-error.js';
import { checkOutputFolder } from '../../io/check-output-folder.js';
import { listMedium } from '../../media/list-medium.js';
import { makeIso } from '../../media/make-iso.js';
import { MEDIA_PROFILES, mediaProfile } from '../../media/media-profiles.js';
import { removeFromMedium } from '../../media/remove-from-medium.js';
import { writeMedium, type MediumResult } from '../../media/write-medium.js';
import { SettingTable } from '../../db/setting-table.js';
import { FileStore } from '../../store/file-store.js';
import { configuredUidRoot } from '../configured-uid-root.js';
import { defineCommand, type CliContext } from '../cli-context.js';
import { parseArgs } from '../parse-args.js';
import { UsageError } from '../usage-error.js';

const USAGE = [
  'atrium media write <uid...> --out <folder> [--profile STD-GEN-CD] [--file-set-id ID] [--iso out.iso]',
  'atrium media add <folder> <uid...> [--profile STD-GEN-CD] [--iso out.iso]',
  'atrium media ls <DICOMDIR|folder>',
  'atrium media rm <folder> <uid...>',
].join('\n       ');

/** A media command line that lacks an argument or has a value it does not take: exit 2 with the usage. */
const usage = (problem: string, details: Readonly<Record<string, unknown>> = {}, code: 'ATRIUM_ERR_CLI_USAGE' | 'ATRIUM_ERR_CLI_BAD_OPTION' = 'ATRIUM_ERR_CLI_USAGE'): UsageError =>
  new UsageError(code, problem, details);

const mediumOut = (why: string, folder: string): AtriumError => new AtriumError('ATRIUM_ERR_MEDIA_OUT', `medium folder ${folder} ${why}`, { out: folder });

/**
 * The medium's folder for `write` (File-set Creator, or Updater when it has a DICOMDIR) or `add`
 * (Updater: it must have one): outside the store, a folder or not there yet, and — without a
 * DICOMDIR — empty, so that a medium never mixes with files it does not list.
 */
function mediumFolder(folder: string, store: string, needsDicomdir: boolean): string {
  const abs = checkOutputFolder(folder, [{ path: store, what: 'the store' }], 'ATRIUM_ERR_MEDIA_OUT');
  const hasDicomdir = existsSync(join(abs, 'DICOMDIR'));
  if (needsDicomdir && !hasDicomdir) throw mediumOut('has no DICOMDIR: `atrium media write` creates a medium', folder);
  if (!hasDicomdir && existsSync(abs) && readdirSync(abs).length > 0) throw mediumOut('is not empty and has no DICOMDIR: choose an empty or new folder, or a medium', folder);
  return abs;
}

/**
 * The ISO image path: not inside the medium (it would hold itself), not an existing file (never
 * overwritten), in a folder that exists — checked before the medium is written, so a bad path
 * leaves nothing behind (a usage problem: exit 2).
 */
function isoPath(iso: string | undefined, medium: string): string | undefined {
  if (iso === undefined) return undefined;
  const abs = resolve(iso);
  const rel = relative(medium, abs);
  if (!rel.startsWith('..') && !isAbsolute(rel)) throw new UsageError('ATRIUM_ERR_MEDIA_ISO', `the ISO image ${iso} would be inside the medium ${medium}: choose a path outside it`, { iso });
  if (existsSync(abs)) throw new UsageError('ATRIUM_ERR_MEDIA_ISO', `${iso} exists: an ISO image is never written over a file`, { iso });
  const parent = dirname(abs);
  if (!existsSync(parent) || !statSync(parent).isDirectory()) throw new UsageError('ATRIUM_ERR_MEDIA_ISO', `the folder ${parent} of the ISO image ${iso} does not exist: create it, or choose a path in an existing folder`, { iso });
  return abs;
}

/** The `--profile` option's profile (STD-GEN-CD when absent); an unknown name is a usage error. */
function profileOf(name: string | undefined): ReturnType<typeof mediaProfile> {
  try {
    return mediaProfile(name ?? 'STD-GEN-CD');
  } catch (e) {
    throw isAtriumError(e, 'ATRIUM_ERR_MEDIA_PROFILE') ? UsageError.relay(e.code, 'ATRIUM_ERR_CLI_BAD_OPTION', `--profile: ${e.message}`, { option: '--profile', ...e.details }) : e;
  }
}

function report(ctx: CliContext, result: MediumResult, folder: string, iso?: { path: string; tool: string }): void {
  if (ctx.json) {
    ctx.out(JSON.stringify({ ...result, ...(iso ? { iso } : {}) }, null, 2));
    return;
  }
  const converted = result.written.filter((f) => f.convertedFrom);
  ctx.out(`${result.updated ? 'updated' : 'created'} ${result.dicomdir}: ${result.written.length} instance(s) written` +
    (converted.length > 0 ? ` (${converted.length} converted to the profile's transfer syntax)` : '') +
    (result.present.length > 0 ? `, ${result.present.length} already on the medium` : ''));
  if (iso) ctx.out(`ISO 9660 image of ${folder}: ${iso.path} (${iso.tool})`);
}

export const mediaCommand = defineCommand({
  name: 'media',
  usage: USAGE,
  summary: `DICOM media (File-set Creator / Updater / Reader): write stored instances to a folder with a DICOMDIR (profiles ${MEDIA_PROFILES.map((p) => p.name).join(', ')}), add to it, list it, remove from it; an ISO 9660 image`,
  uses: { index: Index, files: FileStore, settings: SettingTable },
  async run(args, ctx, use) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: { out: { type: 'string' }, profile: { type: 'string' }, 'file-set-id': { type: 'string' }, iso: { type: 'string' } },
    });
    const [verb, ...rest] = positionals;
    if (verb === 'ls') {
      if (rest.length !== 1) throw usage(rest.length === 0 ? 'ls needs a DICOMDIR or a medium folder' : 'ls takes one DICOMDIR or medium folder');
      return list(ctx, rest[0]!);
    }
    if (verb === 'rm') {
      if (rest.length < 2) throw usage(rest.length === 0 ? 'rm needs the medium folder and at least one UID' : `rm needs at least one UID to remove from ${rest[0]}`);
      if (!existsSync(join(rest[0]!, 'DICOMDIR'))) throw mediumOut('has no DICOMDIR: there is no medium to remove from', rest[0]!);
      const removed = removeFromMedium(resolve(rest[0]!), rest.slice(1), await configuredUidRoot(ctx.store, use.settings));
      ctx.out(ctx.json ? JSON.stringify(removed, null, 2) : `removed ${removed.files.length} file(s) and ${removed.records} directory record(s) from ${rest[0]}`);
      return 0;
    }
    if (verb !== 'write' && verb !== 'add') throw usage(verb === undefined ? 'give a subcommand: write, add, ls or rm' : `unknown subcommand "${verb}" (write, add, ls or rm)`);
    const [folder, uids] = verb === 'write' ? [values.out, rest] : [rest[0], rest.slice(1)];
    if (folder === undefined) throw usage(verb === 'write' ? 'write needs --out <folder>' : 'add needs the medium folder');
    if (uids.length === 0) throw usage(`${verb} needs at least one study, series or SOP instance UID`);
    const profile = profileOf(values.profile);
    const fileSetId = values['file-set-id'] ?? '';
    if (!/^[A-Z0-9_ ]{0,16}$/.test(fileSetId)) throw usage(`--file-set-id must be at most 16 upper-case letters, digits, spaces or _ (CS), not "${fileSetId}"`, { option: '--file-set-id' }, 'ATRIUM_ERR_CLI_BAD_OPTION');
    const medium = mediumFolder(folder, ctx.store, verb === 'add');
    const iso = isoPath(values.iso, medium);
    const [index, files, uidRoot] = await Promise.all([use.index(), use.files(), configuredUidRoot(ctx.store, use.settings)]);
    const sources = uids.flatMap((uid) => resolveUid(index, uid).instances.map((i) => files.absolute(i.file.path)));
    const result = await writeMedium(medium, [...new Set(sources)], profile, fileSetId, uidRoot);
    report(ctx, result, folder, iso ? { path: iso, tool: makeIso(medium, iso, fileSetId) } : undefined);
    return 0;
  },
});

function list(ctx: CliContext, target: string): number {
  const folder = existsSync(target) && statSync(target).isDirectory();
  const path = folder ? join(target, 'DICOMDIR') : target;
  if (folder && !existsSync(path)) throw new AtriumError('ATRIUM_ERR_DICOMDIR_INVALID', `${target} is a folder without a DICOMDIR: give a medium's folder or its DICOMDIR file`, { path: target, found: 'a folder without a DICOMDIR' });
  const medium = listMedium(path);
  if (ctx.json) {
    ctx.out(JSON.stringify(medium, null, 2));
    return 0;
  }
  ctx.out(`File-set ${medium.id || '(no File-set ID)'} ${medium.uid}: ${medium.entries.filter((e) => e.file).length} file(s)`);
  for (const e of medium.entries) {
    const keys = Object.entries(e.keys).map(([k, v]) => `${k}=${v}`).join(' ');
    ctx.out(`${'  '.repeat(e.depth)}${e.type} ${keys}${e.file ? ` ${e.file}` : ''}`);
  }
  return 0;
}
