import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCliStore } from './test-support/cli-harness.js';

/**
 * A misspelt or unusable query key once matched the whole store (`ls series --key PatientNam=X`
 * listed every series; `batch --where Modalty=CT` and `deid --where Modalty=CT` acted on all of
 * it). Every command that takes query keys now refuses them, names the closest valid key, and
 * does nothing.
 */
describe('query keys on the command line', () => {
  const { atrium, scratch } = useCliStore('atrium-query-terms-');
  beforeAll(async () => {
    const r = await atrium('import', 'samples/mr', 'samples/dicomdir/DICOMDIR');
    expect(r.code, r.err).toBe(0);
  });
  const jobCount = async (): Promise<number> => JSON.parse((await atrium('--json', 'jobs')).out).length;

  it('ls: an unknown key is an error with the closest valid name', async () => {
    const r = await atrium('ls', 'series', '--key', 'PatientNam=X');
    expect([r.code, r.out]).toEqual([2, '']);
    expect(r.err).toMatch(/^atrium ls: --key: unknown query key "PatientNam": did you mean PatientName\? \[ATRIUM_ERR_QUERY_UNKNOWN_KEY\]\nusage: atrium ls /);
    expect((await atrium('ls', 'series', '--key', 'patientname=X')).err).toContain('did you mean PatientName?');
    // the correctly spelt key matches only what it names
    expect(JSON.parse((await atrium('--json', 'ls', 'series', '--key', 'PatientName=X')).out)).toEqual([]);
  });

  it('ls: a DICOM attribute the index does not hold, a lower-level key and a computed count are errors', async () => {
    expect((await atrium('ls', 'series', '--key', 'BodyPartThickness=3')).err).toContain('BodyPartThickness is a DICOM attribute the index does not hold: series queries match PatientName, ');
    const lower = await atrium('ls', 'studies', '--series', '1.2.3');
    expect([lower.code, lower.err]).toEqual([2, expect.stringContaining('--series: query key SeriesInstanceUID is a key of the series level; study queries match PatientName, ')]);
    expect((await atrium('ls', 'patients', '--modality', 'CT')).err).toMatch(/--modality: query key ModalitiesInStudy is a key of the study level; patient queries match .* \[ATRIUM_ERR_QUERY_KEY_LEVEL\]/);
    expect((await atrium('ls', 'series', '--key', 'NumberOfSeriesRelatedInstances=4')).err).toContain('is computed and can only be returned, not matched');
    expect((await atrium('ls', 'series', '--key', '__proto__=4')).err).toContain('[ATRIUM_ERR_QUERY_UNKNOWN_KEY]');
  });

  it('ls: malformed, reversed and empty values are errors, not "match everything"', async () => {
    for (const [args, code] of [
      [['--date', '2020-2021'], 'ATRIUM_ERR_QUERY_BAD_VALUE'],
      [['--date', '20200230'], 'ATRIUM_ERR_QUERY_BAD_VALUE'],
      [['--date', '20201231-20200101'], 'ATRIUM_ERR_QUERY_BAD_VALUE'],
      [['--date', ''], 'ATRIUM_ERR_QUERY_EMPTY_VALUE'],
      [['--key', 'Modality='], 'ATRIUM_ERR_QUERY_EMPTY_VALUE'],
      [['--key', 'SeriesNumber=two'], 'ATRIUM_ERR_QUERY_BAD_VALUE'],
      [['--key', 'Modality'], 'ATRIUM_ERR_CLI_BAD_KEY'],
      [['--modality', 'MR', '--key', 'Modality=CT'], 'ATRIUM_ERR_CLI_BAD_KEY'],
    ] as const) {
      const r = await atrium('ls', 'series', ...args);
      expect([r.code, r.out, r.err], args.join(' ')).toEqual([2, '', expect.stringContaining(`[${code}]`)]);
    }
    // `*` says "any" on purpose
    expect(JSON.parse((await atrium('--json', 'ls', 'series', '--key', 'Modality=*')).out).length).toBeGreaterThan(1);
  });

  it('batch --where: a misspelt key runs nothing', async () => {
    const before = await jobCount();
    const r = await atrium('batch', 'series-summary', '--where', 'Modalty=CT');
    expect([r.code, r.out]).toEqual([2, '']);
    expect(r.err).toMatch(/^atrium batch: --where: unknown query key "Modalty": did you mean Modality\? \[ATRIUM_ERR_QUERY_UNKNOWN_KEY\]/);
    expect((await atrium('batch', 'series-summary', '--where', 'Modality=CT StudyDat=2001')).err).toContain('did you mean StudyDate?');
    expect((await atrium('batch', 'series-summary', '--where', 'Modality=')).err).toContain('[ATRIUM_ERR_QUERY_EMPTY_VALUE]');
    expect((await atrium('batch', 'series-summary', '--where', 'SOPInstanceUID=1.2')).err).toContain('SOPInstanceUID is a key of the instance level; series queries match ');
    expect(await jobCount()).toBe(before);
  });

  it('deid --where: a misspelt key writes nothing', async () => {
    const out = join(scratch, 'deid-out');
    const r = await atrium('deid', '--where', 'Modalty=CT', '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown query key "Modalty": did you mean Modality?');
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it('find --key: only DICOM keywords, with the closest one; date values checked before any association', async () => {
    const r = await atrium('find', 'PACS', '--key', 'PatientNme=DOE^*');
    expect([r.code, r.err]).toEqual([2, expect.stringMatching(/^atrium find: --key PatientNme: not a DICOM attribute keyword; did you mean PatientName\? \[ATRIUM_ERR_QUERY_UNKNOWN_KEY\]/)]);
    expect((await atrium('find', 'PACS', '--key', 'StudyDate=2020-2021')).err).toContain('[ATRIUM_ERR_QUERY_BAD_VALUE]');
    expect((await atrium('find', 'PACS', '--key', 'StudyDate=20211231-20200101')).err).toContain('starts after it ends');
    // a keyword the local index does not hold is still a valid remote key: the query goes on (and fails on the unknown AE)
    expect((await atrium('find', 'PACS', '--key', 'BodyPartThickness=')).err).toContain('ATRIUM_ERR_AE_UNKNOWN');
  });
});
