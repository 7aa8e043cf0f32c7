import { Tag } from '@atrium/sdk';
import type { DicomFile } from '../io/parse-part10.js';
import { stringElement } from '../io/element-factory.js';
import { buildFileMeta } from '../io/write-part10.js';
import { writeDataset } from '../io/write-dataset.js';
import { AtriumError } from '../errors/atrium-error.js';
import { pixelCleaningNeeded } from './check-burned-in.js';
import { checkDeidInput } from './check-deid-input.js';
import { cleanPixelData, type PixelCleaning } from './clean-pixel-data.js';
import { defaultDateShiftDays } from './date-shift.js';
import { deidMethodAttributes } from './deid-method-attributes.js';
import { REPLACEABLE, type DeidOptions, type DeidReport, type Replacements } from './deid-options.js';
import { walkDataSet, type Walk } from './deid-walk.js';
import { GCA_9300R_LABEL } from './gca-9300r-preset.js';
import { iodRequirements } from './resolve-deid-action.js';
import { UidMapper } from './uid-mapper.js';
import { DAR_9500F_LABEL, dar9500fRoots } from './dar-9500f-preset.js';
import { checkUserValues } from './user-values.js';

/**
 * De-identify one object by PS3.15 Annex E: every element at every depth (sequence items and
 * private elements included) gets the action of its Table E.1-1 row — the first selected option
 * column with an entry, else the Basic Profile — with combined codes resolved by the attribute's
 * Type at the element's position in the object's IOD, nested positions included (see walkDataSet).
 * Private elements are removed, except under Retain Safe Private those of PS3.15 Table E.3.10-1;
 * group lengths are removed; an overlay group whose Overlay Data goes is removed whole. The
 * attributes that record the de-identification are written (deidMethodAttributes) and the file
 * meta rebuilt for the new SOP Instance UID (Implementation Class UID under `implementationUidRoot`).
 * With the `gca-9300r` preset, the Canon GCA-9300R conformance statement's Table 7-1 is applied
 * instead, and nothing else: every other standard attribute is left unchanged, private elements
 * are removed and nothing is added but the user's values (see gca9300rAction) — this is not the
 * Basic Profile, so no De-identification Method is recorded; the report's notes say so.
 * The input is not modified. An input that is damaged or has no usable identity is refused
 * (checkDeidInput). Objects whose pixels may show identity (see burnedInReason) are refused
 * unless `pixelMaskRegions` are given: then the Clean Pixel Data Option blanks the regions in every
 * frame (see cleanPixelData; native Pixel Data only — compressed inputs throw
 * ATRIUM_ERR_DEID_PIXELS_COMPRESSED, use deidentifyAsync), Burned In Annotation becomes NO and
 * (outside the preset) 113101 is recorded.
 */
export function deidentify(file: DicomFile, options: DeidOptions): { file: DicomFile; report: DeidReport } {
  if (file.stoppedAtPixelData) {
    throw new AtriumError('ATRIUM_ERR_DEID_PARTIAL', 'a header-only parse cannot be de-identified: the Pixel Data was not read');
  }
  checkDeidInput(file.dataset);
  const preset = options.preset === 'gca-9300r';
  if (preset && (options.options ?? []).length > 0) {
    throw new AtriumError('ATRIUM_ERR_DEID_PRESET_OPTIONS', `the ${GCA_9300R_LABEL} is not the PS3.15 Basic Profile: its options (${(options.options ?? []).join(', ')}) do not apply to it`);
  }
  let cleaning: PixelCleaning | undefined;
  if (pixelCleaningNeeded(file.dataset, options.pixelMaskRegions)) {
    cleaning = cleanPixelData(file, options.pixelMaskRegions ?? []);
  }
  const source = cleaning?.file ?? file;
  const input = source.dataset;
  const originalPatientID = input.string(Tag.PatientID) ?? '';
  const replacements = userValues(options, originalPatientID, input.string(Tag.SOPInstanceUID));
  const selected = new Set(options.options ?? []);
  const modifiedDates = selected.has('retainLongitudinalModifiedDates');
  const fullDates = selected.has('retainLongitudinalFullDates') && !modifiedDates;
  const shiftDays = modifiedDates || preset ? (options.dateShiftDays ?? defaultDateShiftDays(options.secret, originalPatientID)) : undefined;
  const walk: Walk = {
    options: selected,
    requirements: iodRequirements(input.string(Tag.SOPClassUID) ?? ''),
    uids: uidMapperOf(options),
    shiftDays,
    counts: { D: 0, Z: 0, X: 0, K: 0, C: 0, U: 0 },
    actions: [],
    limit: options.reportLimit ?? 200,
    preset,
    safePrivateKept: 0,
  };
  const cleaned = walkDataSet(input, walk);
  const cs = cleaned.characterSet;
  const applied = [...selected].filter((o) => !(o === 'retainLongitudinalFullDates' && modifiedDates));
  const changes = preset ? new Map() : deidMethodAttributes(cleaned, applied, cleaning !== undefined, fullDates ? 'UNMODIFIED' : shiftDays !== undefined ? 'MODIFIED' : 'REMOVED');
  if (cleaning) changes.set(Tag.BurnedInAnnotation, stringElement(Tag.BurnedInAnnotation, 'CS', 'NO'));
  for (const [keyword, vr] of Object.entries(REPLACEABLE)) {
    const value = replacements[keyword as keyof Replacements];
    if (value !== undefined) changes.set(Tag[keyword as keyof typeof REPLACEABLE], stringElement(Tag[keyword as keyof typeof REPLACEABLE], vr, value, cs));
  }
  const dataset = cleaned.with(changes);

  const notes: string[] = [];
  if (selected.has('retainSafePrivate')) notes.push(`Retain Safe Private: ${walk.safePrivateKept} private element(s) of PS3.15 Table E.3.10-1 kept (with their Private Creators), every other private element removed`);
  if (selected.has('retainLongitudinalFullDates') && modifiedDates) notes.push('both Longitudinal options selected: Modified Dates applied');
  if (cleaning) notes.push(`Clean Pixel Data: ${cleaning.pixelsPerFrame} pixel(s) of each of ${cleaning.frames} frame(s) set to black (${cleaning.black.join(', ')}) in ${options.pixelMaskRegions?.length ?? 0} region(s)`);
  if (options.preset === 'dar-9500f') notes.push(`${DAR_9500F_LABEL}: SOP Instance UIDs replaced under ${dar9500fRoots(options.uidRoot).instanceRoot}, study, series and other UIDs under ${dar9500fRoots(options.uidRoot).root}; attributes by the PS3.15 Basic Profile`);
  if (preset) notes.push(`${GCA_9300R_LABEL}: its Table 7-1 only, every other attribute unchanged, private elements removed; not the PS3.15 Basic Profile (no De-identification Method, Patient Identity Removed not set)`);
  const meta = buildFileMeta(dataset, source.transferSyntax.uid, undefined, options.implementationUidRoot);
  let datasetBytes: Uint8Array | undefined;
  const out: DicomFile = {
    preamble: new Uint8Array(128),
    hasPrefix: true,
    meta,
    dataset,
    transferSyntax: source.transferSyntax,
    transferSyntaxDetected: false,
    trailing: new Uint8Array(0),
    stoppedAtPixelData: false,
    // serialised on first use only: writers serialise the dataset themselves
    get datasetBytes() {
      datasetBytes ??= writeDataset(dataset, source.transferSyntax);
      return datasetBytes;
    },
  };
  const report: DeidReport = { counts: walk.counts, actions: walk.actions, uidsMapped: walk.uids.mapped, dateShiftDays: shiftDays ?? 0, notes };
  return { file: out, report };
}

/** The UID mapper of a run: one root, or the `dar-9500f` preset's two (SOP Instance UIDs under `<root>.66`). */
function uidMapperOf(options: DeidOptions): UidMapper {
  if (options.preset !== 'dar-9500f') return new UidMapper(options.secret, options.uidRoot);
  const { root, instanceRoot } = dar9500fRoots(options.uidRoot);
  return new UidMapper(options.secret, root, instanceRoot);
}

/**
 * The user values for one object: the patient map entry of its original Patient ID, else
 * `replacements`; each checked against its VR (ATRIUM_ERR_DEID_USER_VALUE, see userValueProblem).
 */
function userValues(options: DeidOptions, originalPatientID: string, sop: string | undefined): Replacements {
  let values = options.replacements ?? {};
  if (options.patientMap !== undefined) {
    const mapped = options.patientMap.get(originalPatientID);
    if (mapped === undefined) {
      throw new AtriumError('ATRIUM_ERR_DEID_UNMAPPED_PATIENT', `object ${sop ?? '(no SOP Instance UID)'}: Patient ID '${originalPatientID}' is not in the patient mapping; refused`, { patientID: originalPatientID });
    }
    values = { ...values, ...mapped };
  }
  checkUserValues(values);
  return values;
}
