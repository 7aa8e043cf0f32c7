import { SdkError, validateParameters, type AppContext, type DeidentifyOutcome, type DeidentifyRequest, type SourceInstance, type SourceSeries } from '@atrium/sdk';
import { testPlugin, testSeries } from '@atrium/testing';
import { describe, expect, it } from 'vitest';
import { deidentifyApp } from './deidentify-app.js';
import plugin from './index.js';
import { parseMaskRegions } from './parse-mask-regions.js';

function instance(sopInstanceUID: string): SourceInstance {
  return { sopInstanceUID, sopClassUID: '1.2.840.10008.5.1.4.1.1.2', numberOfFrames: 1, attribute: () => undefined, string: () => undefined, numbers: () => [], number: () => undefined, frame: () => Promise.reject(new Error('no pixels')) };
}

const series = (uids: string[]): SourceSeries => ({ studyInstanceUID: '1.2.3', seriesInstanceUID: '1.2.3.4', modality: 'CT', instances: uids.map(instance), geometry: undefined });

/** A run context whose engine writes instances ending in .1/.2 and refuses the one ending in .9 (to see the requests the app makes). */
function fakeRun(withEngine = true) {
  const requests: DeidentifyRequest[] = [];
  const warnings: string[] = [];
  const progress: number[] = [];
  const deidentify = async (request: DeidentifyRequest): Promise<DeidentifyOutcome> => {
    requests.push(request);
    const sop = request.source.sopInstanceUID;
    if (sop.endsWith('.9')) return { status: 'refused', sopInstanceUID: sop, code: 'ATRIUM_ERR_DEID_BURNED_IN', reason: `object ${sop}: Burned In Annotation (0028,0301) is YES` };
    return {
      status: 'written',
      ref: { output: 'deidentified', studyInstanceUID: '2.25.1', seriesInstanceUID: '2.25.2', sopInstanceUID: `2.25.3${sop.slice(-1)}` },
      report: { counts: { D: 1, Z: 2, X: 3, K: 10, C: 0, U: 4 }, actions: [], uidsReplaced: 4, dateShiftDays: 0, notes: ['a note'] },
    };
  };
  const ctx: AppContext = {
    derive: { write: () => Promise.reject(new Error('derive.write is not used')), ...(withEngine ? { deidentify } : {}) },
    progress: (f) => void progress.push(f),
    log: { info: () => {}, warn: () => {}, error: () => {} },
    signal: new AbortController().signal,
    storage: { get: async () => undefined, set: async () => {}, delete: async () => {} },
    warn: (m) => void warnings.push(m),
  };
  return { ctx, requests, warnings, progress };
}

describe('deidentify app, run by the host engine in process', () => {
  const kit = testPlugin(new URL('..', import.meta.url), plugin);

  it('writes a de-identified copy of every instance (Basic Profile: name and ID emptied, UIDs replaced) and reports the refused one', async () => {
    const ct = testSeries({ rows: 2, columns: 2, images: [new Int16Array(4), new Int16Array(4)], attributes: { PatientName: 'Doe^Jane', PatientID: 'P-42' } });
    const burned = testSeries({ seed: 'burned', modality: 'OT', rows: 2, columns: 2, images: [new Uint8Array(4)], attributes: { BurnedInAnnotation: 'YES', StudyInstanceUID: ct.studyInstanceUID, SeriesInstanceUID: ct.seriesInstanceUID } });
    const run = await kit.run('deidentify', [...ct.files, ...burned.files], { secret: 'secret-key' });
    expect(run.objects.map((o) => o.output)).toEqual(['deidentified', 'deidentified']);
    for (const o of run.objects) {
      expect([o.string('PatientName'), o.string('PatientID'), o.string('PatientIdentityRemoved')]).toEqual([undefined, undefined, 'YES']);
      expect(ct.sopInstanceUIDs).not.toContain(o.sopInstanceUID);
      expect(o.studyInstanceUID).not.toBe(ct.studyInstanceUID);
    }
    expect(run.result.data).toMatchObject({ written: 2, refused: [{ sopInstanceUID: burned.sopInstanceUIDs[0], code: 'ATRIUM_ERR_DEID_BURNED_IN' }] });
    expect(run.warnings).toContainEqual(expect.stringContaining('ATRIUM_ERR_DEID_BURNED_IN'));
    // the same secret gives the same UIDs: a second run replaces the copies
    const again = await kit.run('deidentify', ct.files, { secret: 'secret-key' });
    expect(again.objects.map((o) => [o.sopInstanceUID, o.status])).toEqual(run.objects.map((o) => [o.sopInstanceUID, 'replaced']));
  });
});

describe('deidentify app: what it asks of the engine', () => {
  it('is declared by the manifest and loads as a plugin', () => {
    expect(testPlugin(new URL('..', import.meta.url), plugin).manifest.apps.map((a) => a.id)).toEqual(['deidentify']);
    expect(plugin.apps.map((a) => a.id)).toEqual(['deidentify']);
    expect(Object.keys(deidentifyApp.parameters)).toEqual([
      'keyFile', 'secret', 'uidRoot', 'PatientName', 'PatientID', 'dateShiftDays', 'pixelMaskRegions',
      'retainSafePrivate', 'retainUIDs', 'retainDeviceIdentity', 'retainInstitutionIdentity', 'retainPatientCharacteristics',
      'retainLongitudinalFullDates', 'retainLongitudinalModifiedDates', 'cleanDescriptors', 'cleanStructuredContent', 'cleanGraphics',
    ]);
  });

  it('asks the engine for every instance with the Basic Profile only by default, and reports the refused one', async () => {
    const run = fakeRun();
    const params = validateParameters(deidentifyApp.parameters, { secret: 'secret-key' });
    const result = await deidentifyApp.run(run.ctx, series(['1.2.3.4.1', '1.2.3.4.9', '1.2.3.4.2']), params);
    expect(run.requests.map((r) => ({ ...r, source: r.source.sopInstanceUID }))).toEqual(
      ['1.2.3.4.1', '1.2.3.4.9', '1.2.3.4.2'].map((source) => ({ source, secret: 'secret-key', uidRoot: '2.25.' })),
    );
    expect(result).toEqual({
      summary: 'de-identified 2 of 3 instances into study 2.25.1; refused 1: ATRIUM_ERR_DEID_BURNED_IN',
      data: {
        written: 2,
        refused: [{ sopInstanceUID: '1.2.3.4.9', code: 'ATRIUM_ERR_DEID_BURNED_IN', reason: 'object 1.2.3.4.9: Burned In Annotation (0028,0301) is YES' }],
        studyInstanceUIDs: ['2.25.1'],
        seriesInstanceUIDs: ['2.25.2'],
        counts: { D: 2, Z: 4, X: 6, K: 20, C: 0, U: 8 },
      },
    });
    expect(run.warnings).toEqual(['refused 1.2.3.4.9: object 1.2.3.4.9: Burned In Annotation (0028,0301) is YES [ATRIUM_ERR_DEID_BURNED_IN]', 'a note']);
    expect(run.progress).toEqual([1 / 3, 2 / 3, 1]);
  });

  it('passes the options (in Table E.1-1 column order), user values, date shift, UID root and mask regions', async () => {
    const run = fakeRun();
    const params = validateParameters(deidentifyApp.parameters, {
      secret: 'secret-key', uidRoot: '1.2.392.200036.9110.66.', PatientName: 'ANON^001', PatientID: 'A001', dateShiftDays: '-30',
      pixelMaskRegions: '0,0,512,40;10,480,100,32', cleanDescriptors: 'true', retainUIDs: 'true', retainLongitudinalModifiedDates: 'true',
    });
    await deidentifyApp.run(run.ctx, series(['1.2.3.4.1']), params);
    expect({ ...run.requests[0]!, source: run.requests[0]!.source.sopInstanceUID }).toEqual({
      source: '1.2.3.4.1',
      secret: 'secret-key',
      uidRoot: '1.2.392.200036.9110.66.',
      options: ['retainUIDs', 'retainLongitudinalModifiedDates', 'cleanDescriptors'],
      replacements: { PatientName: 'ANON^001', PatientID: 'A001' },
      dateShiftDays: -30,
      pixelMaskRegions: [{ x: 0, y: 0, width: 512, height: 40 }, { x: 10, y: 480, width: 100, height: 32 }],
    });
  });

  it('refuses bad parameters before any work, and a host without the engine', async () => {
    // Neither keyFile nor secret: refused at the start of the run, before any instance.
    const keyless = fakeRun(true);
    await expect(deidentifyApp.run(keyless.ctx, series(['1.2.3.4.1']), validateParameters(deidentifyApp.parameters, {}))).rejects.toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_PARAM_MISSING' }));
    expect(() => validateParameters(deidentifyApp.parameters, { secret: 'short' })).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_PARAM_INVALID' }));
    expect(() => validateParameters(deidentifyApp.parameters, { secret: 'secret-key', pixelMaskRegions: '0,0,0,5' })).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_PARAM_INVALID' }));
    expect(() => validateParameters(deidentifyApp.parameters, { secret: 'secret-key', dateShiftDays: 'soon' })).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_PARAM_INVALID' }));
    expect(() => validateParameters(deidentifyApp.parameters, { secret: 'secret-key', uidRoot: '1.02.3.' })).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_PARAM_INVALID' }));
    const run = fakeRun(false);
    await expect(deidentifyApp.run(run.ctx, series(['1.2.3.4.1']), validateParameters(deidentifyApp.parameters, { secret: 'secret-key' }))).rejects.toThrow(SdkError);
  });
});

describe('parseMaskRegions', () => {
  it('reads x,y,width,height rectangles separated by ;', () => {
    expect(parseMaskRegions('')).toEqual([]);
    expect(parseMaskRegions('1,2,3,4')).toEqual([{ x: 1, y: 2, width: 3, height: 4 }]);
    expect(parseMaskRegions('0,0,512,40;0,480,512,32')).toEqual([{ x: 0, y: 0, width: 512, height: 40 }, { x: 0, y: 480, width: 512, height: 32 }]);
    expect(() => parseMaskRegions('1,2,3')).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_PARAM_INVALID' }));
  });
});
