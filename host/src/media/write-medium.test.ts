import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tag } from '@atrium/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { samplePath } from '../../../test/support/samples.js';
import { isAtriumError } from '../errors/atrium-error.js';
import { stringElement } from '../io/element-factory.js';
import { parseDicom } from '../io/parse-part10.js';
import { writePart10 } from '../io/write-part10.js';
import { listMedium } from './list-medium.js';
import { mediaProfile } from './media-profiles.js';
import { writeMedium } from './write-medium.js';

const dir = mkdtempSync(join(tmpdir(), 'atrium-write-medium-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** MR_small as a new instance, with `changes` (undefined: removed). */
function mr(name: string, changes: ReadonlyMap<number, string | undefined>): { path: string; study: string; sop: string } {
  const file = parseDicom(readFileSync(samplePath('mr/MR_small.dcm')));
  const sop = `2.25.${1000 + name.length}${name.charCodeAt(0)}`;
  const edits = new Map([...changes].map(([tag, v]) => [tag, v === undefined ? undefined : stringElement(tag, tag === Tag.StudyDate || tag === Tag.SeriesDate ? 'DA' : 'TM', v)]));
  edits.set(Tag.SOPInstanceUID, stringElement(Tag.SOPInstanceUID, 'UI', sop));
  const { meta: _, ...rest } = file;
  const path = join(dir, `${name}.dcm`);
  writeFileSync(path, writePart10({ ...rest, dataset: file.dataset.with(edits) }));
  return { path, study: file.dataset.string(Tag.StudyInstanceUID)!, sop };
}

describe('writeMedium: the STUDY record carries the study’s own date and time (PS3.3 Table F.5-2, Type 1)', () => {
  it('writes the instance’s Study Date and Study Time into the STUDY record', async () => {
    const { path } = mr('dated', new Map([[Tag.StudyDate, '19990321'], [Tag.StudyTime, '101500']]));
    const medium = join(dir, 'dated-cd');
    await writeMedium(medium, [path], mediaProfile('STD-GEN-CD'));
    const study = listMedium(join(medium, 'DICOMDIR')).entries.find((e) => e.type === 'STUDY');
    expect(study?.keys.StudyDate).toBe('19990321');
  });

  it('refuses an instance without a Study Date, naming the study, invents no date and leaves nothing behind', async () => {
    for (const [name, tag] of [['no-date', Tag.StudyDate], ['empty-time', Tag.StudyTime]] as const) {
      const { path, study, sop } = mr(name, new Map([[tag, name === 'no-date' ? undefined : ''], [Tag.SeriesDate, '20040827'], [Tag.SeriesTime, '120000']]));
      // The instance has a series date and time of its own: neither stands for the study's.
      expect(parseDicom(readFileSync(path)).dataset.string(Tag.SeriesDate)?.trim()).toBeTruthy();
      const medium = join(dir, `${name}-cd`);
      const error = await writeMedium(medium, [path], mediaProfile('STD-GEN-CD')).then(() => undefined, (e: unknown) => e);
      expect(isAtriumError(error, 'ATRIUM_ERR_MEDIA_MISSING_KEY'), String(error)).toBe(true);
      const keyword = tag === Tag.StudyDate ? 'StudyDate' : 'StudyTime';
      expect((error as Error).message).toBe(`study ${study}: instance ${sop} has no ${keyword}, a Type 1 key of the STUDY directory record (PS3.3 Annex F.5): nothing is written for it, and no value is invented (set the study's ${keyword} first)`);
      expect(existsSync(medium) ? readdirSync(medium) : []).toEqual([]);
    }
  });
});
