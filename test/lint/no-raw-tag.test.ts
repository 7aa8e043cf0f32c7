import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The files under the folder part of `glob` that it matches (`*` within a name, `**` across folders). */
function matching(glob: string): string[] {
  const star = glob.indexOf('*');
  const dir = glob.slice(0, glob.lastIndexOf('/', star < 0 ? glob.length : star));
  const pattern = new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*\*\//g, '\0').replace(/\*/g, '[^/]*').replace(/\0/g, '(?:.*/)?')}$`);
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => `${dir}/${f}`).filter((f) => pattern.test(f));
}

/** The lint configuration refuses hand-typed DICOM tags (tools/eslint/no-raw-tag.mjs; docs/DESIGN.md). */
describe('no raw tag literals', () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  /** The raw-tag messages for `code` linted as if it were `filePath`. */
  const lint = async (code: string, filePath: string): Promise<string[]> => {
    const [result] = await eslint.lintText(code, { filePath });
    const fatal = result?.messages.find((m) => m.fatal);
    if (fatal) throw new Error(fatal.message);
    return (result?.messages ?? []).filter((m) => m.ruleId === 'atrium/no-raw-tag').map((m) => m.message);
  };

  it.each(['host/src/io/x.ts', 'host/src/net/x.test.ts', 'sdk/src/x.ts', 'plugins/x/src/app.ts', 'examples/x/src/app.test.ts', 'testing/src/x.ts', 'ui/src/x.ts', 'test/interop/x.test.ts'])(
    'refuses a tag typed as 8 hex digits in %s, and names the keyword to write',
    async (file) => {
      expect(await lint('export const t = 0x00100010;\n', file)).toEqual([
        'raw tag literal 0x00100010: write Tag.PatientName (the generated tables; docs/DESIGN.md, The standard, not hand-typed)',
      ]);
    },
  );

  it('refuses the string forms, the (group, element) pairs and every table: dictionary, retired, repeating, command group, items', async () => {
    const code = [
      "export const a = { '0020000D': { vr: 'UI' } };",
      "export const b = (ds: Record<string, unknown>) => [ds['x00100020'], ds[`7FE00010`]];",
      'export const c = [0x0010, 0x0010];',
      'export const d = (f: (g: number, e: number) => number) => f(0x0008, 0x0018);',
      'export const e = [0x00281100, 0x60003000, 0x60023000, 0x00000902, 0xfffee000, 0xe0ddfffe];',
      '',
    ].join('\n');
    const messages = await lint(code, 'host/src/web/x.ts');
    expect(messages.map((m) => /write (.*?) \(the generated tables/.exec(m)?.[1])).toEqual([
      'Tag.StudyInstanceUID',
      'Tag.PatientID',
      'Tag.PixelData',
      'Tag.PatientName',
      'Tag.SOPInstanceUID',
      "lookupKeyword('GrayLookupTableDescriptor')!.tag",
      "lookupKeyword('OverlayData')!.tag (its repeating digits zero) plus the group offset",
      "lookupKeyword('OverlayData')!.tag (its repeating digits zero) plus the group offset",
      'CommandTag.ErrorComment',
      'Tag.Item',
      'Tag.SequenceDelimitationItem (this is it as a little-endian uint32: write its group and element as two uint16)',
    ]);
  });

  it('lets pass keywords, numbers that are no tag, private tags and pairs that are no tag', async () => {
    const code = [
      "import { Tag } from '@atrium/sdk';",
      'export const a = [Tag.PatientName, 0xffffffff, 0xedb88320, 0x04034b50, 0x00091001, 0x00000000, 0xfffe0000];',
      "export const b = ['20240101', '00000000', '1.2.840.10008.1.2', 'deadbeef'];",
      'export const c = [0x0110, 0x0120];',
      'export const d = [0x0010, 0x0010, 0x0020];',
      '// a comment may name 0x00100010 and (0010,0010)',
      "export const e = 'Patient Name (0010,0010) is missing';",
      '',
    ].join('\n');
    expect(await lint(code, 'host/src/io/x.ts')).toEqual([]);
  });

  it('allows the places eslint.config.js lists, each with its reason, and nothing else', async () => {
    const config = pathToFileURL(resolve('eslint.config.js')).href;
    const { RAW_TAG_ALLOWED } = (await import(config)) as { RAW_TAG_ALLOWED: readonly (readonly [string, string])[] };
    expect(RAW_TAG_ALLOWED.length).toBeGreaterThan(0);
    for (const [glob, reason] of RAW_TAG_ALLOWED) {
      expect(reason.length, glob).toBeGreaterThan(30);
      expect(matching(glob).length, `${glob} names no file`).toBeGreaterThan(0);
    }
    const raw = 'export const t = 0x00100010;\n';
    expect(await lint(raw, 'sdk/src/standard/x.test.ts')).toEqual([]);
    expect(await lint(raw, 'host/src/net/dimse/command-tags.test.ts')).toEqual([]);
    expect(await lint(raw, 'test/support/dicom-fixture.ts')).toEqual([]);
    expect(await lint(raw, 'sdk/src/standard/dictionary.ts')).toHaveLength(1);
    expect(await lint(raw, 'test/support/bad-inputs.ts')).toHaveLength(1);
    expect(await lint(raw, 'host/src/io/parse-part10.test.ts')).toHaveLength(1);
  });

});
