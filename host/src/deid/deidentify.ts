import { DEID_METHOD_CODES, Tag, deidRuleFor, type DeidMethodCode, type DeidOption } from '@atrium/sdk';
import type { DataElement, SequenceItem } from '../io/data-element.js';
import { DataSet } from '../io/data-set.js';
import type { DicomFile } from '../io/parse-part10.js';
import { formatTag } from '../io/parse-error.js';
import { stringElement } from '../io/element-factory.js';
import { buildFileMeta } from '../io/write-part10.js';
import { writeDataset } from '../io/write-dataset.js';
import { AtriumError } from '../errors/atrium-error.js';
import { pixelCleaningNeeded } from './check-burned-in.js';
import { cleanPixelData, type PixelCleaning } from './clean-pixel-data.js';
import { defaultDateShiftDays } from './date-shift.js';
import { REPLACEABLE, type AppliedAction, type DeidOptions, type DeidReport, type Replacements } from './deid-options.js';
import { cleanedElement, dummyElement, emptyElement } from './replacement-element.js';
import { gca9300rAction } from './gca-9300r-preset.js';
import { iodRequirements, isCombined, optionAction, positionKey, requirementAt, resolveAction, type IodRequirements } from './resolve-deid-action.js';
import { UidMapper } from './uid-mapper.js';

interface Walk {
  readonly options: ReadonlySet<DeidOption>;
  readonly requirements: IodRequirements;
  readonly uids: UidMapper;
  readonly shiftDays: number | undefined;
  readonly counts: Record<AppliedAction, number>;
  readonly actions: { path: string; action: AppliedAction }[];
  readonly limit: number;
  readonly preset: boolean;
}

/**
 * De-identify one object by PS3.15 Annex E: every element at every depth (sequence items and
 * private elements included) gets the action of its Table E.1-1 row — the first selected option
 * column with an entry, else the Basic Profile — with combined codes resolved by the attribute's
 * Type at the element's position in the object's IOD, nested positions included (an element the IOD
 * tables do not list there is kept empty or dummy, see resolveAction). Private elements are
 * removed (no safe-private list exists yet), as are group lengths. The identity attributes are
 * written (Patient Identity Removed, De-identification Method and its code sequence, Longitudinal
 * Temporal Information Modified) and the file meta rebuilt for the new SOP Instance UID.
 * The input is not modified. Objects whose pixels may show identity (see burnedInReason) are
 * refused unless `pixelMaskRegions` are given: then the Clean Pixel Data Option blanks the regions
 * in every frame (see cleanPixelData; native Pixel Data only — compressed inputs throw
 * ATRIUM_ERR_DEID_PIXELS_COMPRESSED, use deidentifyAsync), Burned In Annotation becomes NO and
 * 113101 is recorded.
 */
export function deidentify(file: DicomFile, options: DeidOptions): { file: DicomFile; report: DeidReport } {
  if (file.stoppedAtPixelData) {
    throw new AtriumError('ATRIUM_ERR_DEID_PARTIAL', 'a header-only parse cannot be de-identified: the Pixel Data was not read');
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
  const preset = options.preset === 'gca-9300r';
  const modifiedDates = selected.has('retainLongitudinalModifiedDates');
  const fullDates = selected.has('retainLongitudinalFullDates') && !modifiedDates;
  const shiftDays = modifiedDates || preset ? (options.dateShiftDays ?? defaultDateShiftDays(options.secret, originalPatientID)) : undefined;
  const walk: Walk = {
    options: selected,
    requirements: iodRequirements(input.string(Tag.SOPClassUID) ?? ''),
    uids: new UidMapper(options.secret, options.uidRoot),
    shiftDays,
    counts: { D: 0, Z: 0, X: 0, K: 0, C: 0, U: 0 },
    actions: [],
    limit: options.reportLimit ?? 200,
    preset,
  };
  const cleaned = walkDataSet(input, '', '', walk);

  const cs = cleaned.characterSet;
  const used = [...selected].filter((o) => o !== 'retainSafePrivate' && !(o === 'retainLongitudinalFullDates' && modifiedDates));
  const codes: DeidMethodCode[] = [DEID_METHOD_CODES.basic, ...(cleaning ? [DEID_METHOD_CODES.cleanPixelData] : []), ...DEID_OPTIONS_IN_ORDER.filter((o) => used.includes(o)).map((o) => DEID_METHOD_CODES[o])];
  const methods = [...codes.map((c) => c.meaning), ...(preset ? [PRESET_METHOD] : [])];
  const codeItems: SequenceItem[] = codes.map((c) => ({
    undefinedLength: false,
    dataset: new DataSet([
      stringElement(Tag.CodeValue, 'SH', c.value),
      stringElement(Tag.CodingSchemeDesignator, 'SH', c.scheme),
      stringElement(Tag.CodeMeaning, 'LO', c.meaning, cs),
    ], cleaned.encoding, cs),
  }));
  const changes = new Map<number, DataElement | undefined>([
    [Tag.PatientIdentityRemoved, stringElement(Tag.PatientIdentityRemoved, 'CS', 'YES')],
    [Tag.DeidentificationMethod, stringElement(Tag.DeidentificationMethod, 'LO', methods, cs)],
    [Tag.DeidentificationMethodCodeSequence, { tag: Tag.DeidentificationMethodCodeSequence, vr: 'SQ', value: new Uint8Array(0), items: codeItems, undefinedLength: false }],
    [Tag.LongitudinalTemporalInformationModified, stringElement(Tag.LongitudinalTemporalInformationModified, 'CS', fullDates ? 'UNMODIFIED' : shiftDays !== undefined ? 'MODIFIED' : 'REMOVED')],
  ]);
  if (cleaning) changes.set(Tag.BurnedInAnnotation, stringElement(Tag.BurnedInAnnotation, 'CS', 'NO'));
  for (const [keyword, vr] of Object.entries(REPLACEABLE)) {
    const value = replacements[keyword as keyof Replacements];
    if (value !== undefined) changes.set(Tag[keyword as keyof typeof REPLACEABLE], stringElement(Tag[keyword as keyof typeof REPLACEABLE], vr, value, cs));
  }
  const dataset = cleaned.with(changes);

  const notes: string[] = [];
  if (selected.has('retainSafePrivate')) notes.push('Retain Safe Private: no private attribute is known to be safe yet; every private element was removed and the option is not recorded');
  if (selected.has('retainLongitudinalFullDates') && modifiedDates) notes.push('both Longitudinal options selected: Modified Dates applied');
  if (cleaning) notes.push(`Clean Pixel Data: ${cleaning.pixelsPerFrame} pixel(s) of each of ${cleaning.frames} frame(s) set to black (${cleaning.black.join(', ')}) in ${options.pixelMaskRegions?.length ?? 0} region(s)`);
  if (preset) notes.push('GCA-9300R preset (seed 001 Table 7-1) applied on top of the Basic Profile');
  const meta = buildFileMeta(dataset, source.transferSyntax.uid);
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

const PRESET_METHOD = 'GCA-9300R preset (seed 001 Table 7-1)';

/** The user values for one object: the patient map entry of its original Patient ID, else `replacements`. */
function userValues(options: DeidOptions, originalPatientID: string, sop: string | undefined): Replacements {
  if (options.patientMap === undefined) return options.replacements ?? {};
  const mapped = options.patientMap.get(originalPatientID);
  if (mapped === undefined) {
    throw new AtriumError('ATRIUM_ERR_DEID_UNMAPPED_PATIENT', `object ${sop ?? '(no SOP Instance UID)'}: Patient ID '${originalPatientID}' is not in the patient mapping; refused`, { patientID: originalPatientID });
  }
  return { ...options.replacements, ...mapped };
}

const DEID_OPTIONS_IN_ORDER: readonly DeidOption[] = [
  'retainUIDs', 'retainDeviceIdentity', 'retainInstitutionIdentity', 'retainPatientCharacteristics',
  'retainLongitudinalFullDates', 'retainLongitudinalModifiedDates', 'cleanDescriptors', 'cleanStructuredContent', 'cleanGraphics',
];

/**
 * `prefix`: the report path of the enclosing item ('' at top level); `position`: its IOD position
 * key ('' at top level, else the enclosing sequence's {@link positionKey} + '/').
 */
function walkDataSet(ds: DataSet, prefix: string, position: string, w: Walk, inContent = false): DataSet {
  const out: DataElement[] = [];
  const mapUid = (uid: string): string => w.uids.map(uid);
  for (const e of ds.elements) {
    const action = actionFor(e, position, w, inContent);
    w.counts[action]++;
    // the report path is formatted only when it is used: a reported action or a sequence
    const path = e.items || (action !== 'K' && w.actions.length < w.limit) ? `${prefix}${formatTag(e.tag)}` : '';
    if (action !== 'K' && w.actions.length < w.limit) w.actions.push({ path, action });
    let next: DataElement | undefined;
    switch (action) {
      case 'K':
      case 'C':
        next = e.items ? { ...e, items: walkItems(e.items, path, positionKey(position, e.tag), ds, w, inContent || action === 'C') } : action === 'K' ? e : cleanedElement(e, ds, w.shiftDays, mapUid);
        break;
      case 'D': // on a sequence: keep the items, every element of them de-identified by its own rule
        next = e.items ? { ...e, items: walkItems(e.items, path, positionKey(position, e.tag), ds, w, true) } : dummyElement(e, ds, mapUid);
        break;
      case 'Z':
        next = emptyElement(e);
        break;
      case 'U': // on a sequence (X/Z/U*): the items kept, every element of them de-identified by its own rule
        next = e.vr === 'UI' ? stringElement(e.tag, 'UI', ds.strings(e.tag).map(mapUid)) : e.items ? { ...e, items: walkItems(e.items, path, positionKey(position, e.tag), ds, w, true) } : emptyElement(e);
        break;
      case 'X':
        next = undefined;
        break;
    }
    if (next) out.push(next);
  }
  return new DataSet(out, ds.encoding, ds.characterSet);
}

function walkItems(items: readonly SequenceItem[], path: string, position: string, parent: DataSet, w: Walk, inContent: boolean): SequenceItem[] {
  return items.map((item, i) => ({
    undefinedLength: item.undefinedLength,
    dataset: walkDataSet(new DataSet(item.dataset.elements, item.dataset.encoding, parent.characterSet), `${path}[${i}]/`, `${position}/`, w, inContent),
  }));
}

/** UI elements that name a class, a coding scheme or a mapping resource, never an instance. */
const CLASS_UID_TAGS: ReadonlySet<number> = new Set([
  0x00080016, // SOP Class UID
  0x00081150, // Referenced SOP Class UID
  0x0008010c, // Coding Scheme UID
  0x00080118, // Mapping Resource UID
  0x0008010d, // Context Group Extension Creator UID
  0x00020010, // Transfer Syntax UID
]);

/**
 * Inside a sequence the table marks D or C (SR Content Sequence, Verifying Observer, ...),
 * elements the table does not list can still carry identity: free text and person names
 * (TextValue, PersonName), dates and times, UIDs. They are replaced by dummies (UIDs
 * remapped); coded concepts, numbers and references listed elsewhere keep their own rules.
 * UIDs that identify no instance are kept: class and coding-scheme UIDs
 * ({@link CLASS_UID_TAGS}) and every UID of the standard's own root (1.2.840.10008.),
 * so that references keep their SOP class and codes their scheme.
 */
function contentAction(e: DataElement): AppliedAction {
  if (e.vr === 'UI') {
    const value = new TextDecoder('latin1').decode(e.value).replace(/[\0 ]+$/, '');
    return CLASS_UID_TAGS.has(e.tag) || value.startsWith('1.2.840.10008.') ? 'K' : 'U';
  }
  if (['PN', 'ST', 'LT', 'UT', 'UC', 'DA', 'DT', 'TM'].includes(e.vr)) return 'D';
  return 'K';
}

function actionFor(e: DataElement, position: string, w: Walk, inContent: boolean): AppliedAction {
  if ((e.tag & 0xffff) === 0) return 'X'; // group length: stale once values change (retired, PS3.5 §7.2)
  const rule = deidRuleFor(e.tag);
  const preset = w.preset ? gca9300rAction(e.tag) : undefined;
  if (rule === undefined) return preset ?? (inContent && !e.items ? contentAction(e) : 'K');
  if (rule.privateGroups) return 'X'; // no safe-private list yet: Retain Safe Private keeps nothing
  const fromOption = optionAction(rule, w.options);
  if (fromOption === undefined && preset !== undefined) return preset;
  const action = fromOption ?? rule.basic;
  return resolveAction(action, e.vr, isCombined(action) ? requirementAt(w.requirements, positionKey(position, e.tag)) : 'none');
}
