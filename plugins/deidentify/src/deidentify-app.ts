import { defineApp, SdkError, type AppliedDeidAction } from '@atrium/sdk';
import { deidentifyRequestOf } from './deidentify-request-of.js';
import { MASK_REGIONS_PATTERN } from './parse-mask-regions.js';

const option = (name: string, section: string) => ({ type: 'boolean', default: false, description: `${name} (PS3.15 ${section}; Table E.1-1 column)` }) as const;

/** A refused instance, as reported in the result's data. */
export interface RefusedInstance {
  readonly sopInstanceUID: string;
  readonly code: string;
  readonly reason: string;
}

/**
 * De-identify: every instance of the input series goes through the host's PS3.15 engine
 * (`ctx.derive.deidentify`: Table E.1-1, Basic Profile plus the selected options) and is stored as
 * a new object of a new study (UIDs replaced from the secret, consistently across the run, so
 * references stay intact). Run on a study (`atrium run deidentify --study <uid>`) it does this for
 * every series. Instances the engine refuses (pixels that may show burned-in identity) are
 * reported with their reason, as warnings and in the result's data; nothing passes silently.
 */
export const deidentifyApp = defineApp({
  id: 'deidentify',
  load: {},
  parameters: {
    keyFile: { type: 'string', default: '', description: 'file holding the key of the UID replacement (HMAC-SHA-256, action U) and of the default per-patient date shift (created with a random key when absent; the same key gives the same new UIDs). Preferred to secret, which is recorded with the job' },
    secret: { type: 'string', default: '', pattern: '(?:.{8,})?', description: 'the key itself (at least 8 characters), when no keyFile is given' },
    uidRoot: { type: 'string', default: '2.25.', pattern: String.raw`(?:(?:0|[1-9]\d*)\.)+(?:0|[1-9]\d*)?`, description: 'root of the replacement UIDs, e.g. 1.2.392.200036.9110.66. (default 2.25.)' },
    PatientName: { type: 'string', default: '', description: "Patient's Name (0010,0010) written into every object (empty: the profile's empty value)" },
    PatientID: { type: 'string', default: '', description: 'Patient ID (0010,0020) written into every object (empty: the profile\'s empty value)' },
    dateShiftDays: { type: 'string', default: 'auto', pattern: String.raw`auto|[+-]?\d{1,6}`, description: 'days added to dates under retainLongitudinalModifiedDates: a whole number, or auto (one shift per patient, from the secret)' },
    pixelMaskRegions: { type: 'string', default: '', pattern: MASK_REGIONS_PATTERN, description: 'Clean Pixel Data Option (PS3.15 E.3.1) regions "x,y,width,height;..." for images whose pixels may show identity' },
    retainSafePrivate: option('Retain Safe Private Option', 'E.3.10'),
    retainUIDs: { type: 'boolean', default: false, description: 'Retain UIDs Option (PS3.15 E.3.9): refused here (ATRIUM_ERR_DEID_RETAIN_UIDS_IN_STORE), the copies would replace the originals in this store; use atrium deid --where ... --option retain-uids --out <folder>' },
    retainDeviceIdentity: option('Retain Device Identity Option', 'E.3.8'),
    retainInstitutionIdentity: option('Retain Institution Identity Option', 'E.3.11'),
    retainPatientCharacteristics: option('Retain Patient Characteristics Option', 'E.3.7'),
    retainLongitudinalFullDates: option('Retain Longitudinal Temporal Information with Full Dates Option', 'E.3.6'),
    retainLongitudinalModifiedDates: option('Retain Longitudinal Temporal Information with Modified Dates Option', 'E.3.6'),
    cleanDescriptors: option('Clean Descriptors Option', 'E.3.5'),
    cleanStructuredContent: option('Clean Structured Content Option', 'E.3.4'),
    cleanGraphics: option('Clean Graphics Option', 'E.3.3'),
  },
  outputs: {},
  async run(ctx, input, params) {
    if (params.keyFile === '' && params.secret === '') throw new SdkError('ATRIUM_ERR_PARAM_MISSING', 'deidentify needs keyFile (preferred) or secret: the key of the UID replacement', { parameter: 'keyFile' });
    const deidentify = ctx.derive.deidentify;
    if (!deidentify) throw new SdkError('ATRIUM_ERR_APP_HOST', 'this host has no de-identification engine (ctx.derive.deidentify is missing)');
    const refused: RefusedInstance[] = [];
    const studies = new Set<string>();
    const series = new Set<string>();
    const counts: Record<AppliedDeidAction, number> = { D: 0, Z: 0, X: 0, K: 0, C: 0, U: 0 };
    const notes = new Set<string>();
    let written = 0;
    for (const [i, source] of input.instances.entries()) {
      ctx.signal.throwIfAborted();
      const outcome = await deidentify(deidentifyRequestOf(source, params));
      if (outcome.status === 'refused') {
        refused.push({ sopInstanceUID: outcome.sopInstanceUID, code: outcome.code, reason: outcome.reason });
        ctx.warn(`refused ${outcome.sopInstanceUID}: ${outcome.reason} [${outcome.code}]`);
      } else {
        written++;
        studies.add(outcome.ref.studyInstanceUID);
        series.add(outcome.ref.seriesInstanceUID);
        for (const a of Object.keys(counts) as AppliedDeidAction[]) counts[a] += outcome.report.counts[a];
        for (const n of outcome.report.notes) notes.add(n);
      }
      ctx.progress((i + 1) / input.instances.length, `${i + 1} of ${input.instances.length} instances`);
    }
    for (const n of notes) ctx.warn(n);
    const into = studies.size > 0 ? ` into study ${[...studies].join(', ')}` : '';
    const refusedText = refused.length > 0 ? `; refused ${refused.length}: ${[...new Set(refused.map((r) => r.code))].join(', ')}` : '';
    return {
      summary: `de-identified ${written} of ${input.instances.length} instances${into}${refusedText}`,
      data: { written, refused, studyInstanceUIDs: [...studies], seriesInstanceUIDs: [...series], counts },
    };
  },
});
