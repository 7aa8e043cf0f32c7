import { DEID_RULES_TABLE } from './deid-rules.generated.js';

/**
 * An action code of PS3.15 Table E.1-1: D replace with a dummy value, Z zero-length or dummy,
 * X remove, K keep, C clean, U replace UID consistently; the combined codes (X/Z, X/D, Z/D, X/Z/D,
 * X/Z/U*) are resolved by the attribute's Type in the object's IOD.
 */
export type DeidAction = 'D' | 'Z' | 'X' | 'K' | 'C' | 'U' | 'Z/D' | 'X/Z' | 'X/D' | 'X/Z/D' | 'X/Z/U*';

/** An option column of PS3.15 Table E.1-1 (the profile options of PS3.15 E.3). */
export type DeidOption =
  | 'retainSafePrivate' | 'retainUIDs' | 'retainDeviceIdentity' | 'retainInstitutionIdentity'
  | 'retainPatientCharacteristics' | 'retainLongitudinalFullDates' | 'retainLongitudinalModifiedDates'
  | 'cleanDescriptors' | 'cleanStructuredContent' | 'cleanGraphics';

/** The option columns, in the order of the generated table (and of PS3.15 Table E.1-1). */
export const DEID_OPTIONS: readonly DeidOption[] = [
  'retainSafePrivate', 'retainUIDs', 'retainDeviceIdentity', 'retainInstitutionIdentity',
  'retainPatientCharacteristics', 'retainLongitudinalFullDates', 'retainLongitudinalModifiedDates',
  'cleanDescriptors', 'cleanStructuredContent', 'cleanGraphics',
];

/** One row of PS3.15 Table E.1-1 (Application Level Confidentiality Profile Attributes). */
export interface DeidRule {
  /**
   * group << 16 | element, unsigned, with the repeating digits zero (60xx,4000 → 0x60004000);
   * 0x00010000 for the private-groups row.
   */
  readonly tag: number;
  /**
   * The bits of {@link tag} a tag must match: 0xFFFFFFFF for exact tags, 0xFF00FFFF for (60xx,4000),
   * 0xFF000000 for (50xx,xxxx), 0x00010000 (odd group) for the private-groups row.
   */
  readonly mask: number;
  /** True for the row "(gggg,eeee) where gggg is odd": every private data element. */
  readonly privateGroups: boolean;
  /** Keyword from the data dictionary; '' if none (curves 50xx,xxxx, private row, command group 0000). */
  readonly keyword: string;
  /** Attribute name as the table gives it. */
  readonly name: string;
  /** Column "In Std. Comp. IOD": the attribute is used in a standard composite IOD. */
  readonly inStdCompIOD: boolean;
  /** Action of the Basic Profile. */
  readonly basic: DeidAction;
  /** Action of each option that has an entry for this attribute (K or C in the 2025 table). */
  readonly options: Readonly<Partial<Record<DeidOption, DeidAction>>>;
}

interface Tables {
  readonly rules: readonly DeidRule[];
  readonly exact: Map<number, DeidRule>;
  /** Repeating-group rows (50xx, 60xx). */
  readonly masked: readonly DeidRule[];
  readonly privateRow: DeidRule | undefined;
}

let tables: Tables | undefined;

const PRIVATE_ROW_TAG = 'GGGGEEEE';

function parseTable(): Tables {
  const rules: DeidRule[] = [];
  const exact = new Map<number, DeidRule>();
  const masked: DeidRule[] = [];
  let privateRow: DeidRule | undefined;
  for (const line of DEID_RULES_TABLE.split('\n')) {
    const [tagText = '', keyword = '', name = '', std = '', basic = '', ...columns] = line.split('\t');
    const options: Partial<Record<DeidOption, DeidAction>> = {};
    DEID_OPTIONS.forEach((option, i) => {
      const action = columns[i];
      if (action) options[option] = action as DeidAction;
    });
    const privateGroups = tagText === PRIVATE_ROW_TAG;
    const rule: DeidRule = {
      tag: privateGroups ? 0x00010000 : parseInt(tagText.replace(/X/g, '0'), 16) >>> 0,
      mask: privateGroups ? 0x00010000 : parseInt(tagText.replace(/[0-9A-F]/g, 'F').replace(/X/g, '0'), 16) >>> 0,
      privateGroups,
      keyword,
      name,
      inStdCompIOD: std === 'Y',
      basic: basic as DeidAction,
      options,
    };
    rules.push(rule);
    if (privateGroups) privateRow = rule;
    else if (rule.mask === 0xffffffff) exact.set(rule.tag, rule);
    else masked.push(rule);
  }
  return { rules, exact, masked, privateRow };
}

function getTables(): Tables {
  tables ??= parseTable();
  return tables;
}

/** Odd groups that are not private (PS3.5 7.8.1): 0001, 0003, 0005, 0007 and FFFF. */
function isPrivateGroup(group: number): boolean {
  return (group & 1) === 1 && group > 0x0007 && group !== 0xffff;
}

/** Every row of PS3.15 Table E.1-1 (2025: 621 rows), in table order. The table is parsed on first use. */
export function deidRules(): readonly DeidRule[] {
  return getTables().rules;
}

/**
 * The Table E.1-1 row that applies to a tag (group << 16 | element): the exact row first; then
 * the repeating-group rows (50xx,xxxx curves, 60xx overlays) for even groups xx00–xx1E only; then,
 * for a private group (odd, not 0001–0007 or FFFF — PS3.5 7.8.1), the private-attributes row
 * (so (6021,4000) is private, not an overlay). Undefined for tags the table does not list
 * (e.g. Rows), which the Basic Profile keeps.
 */
export function deidRuleFor(tag: number): DeidRule | undefined {
  const t = tables ?? getTables();
  const u = tag >>> 0;
  const found = t.exact.get(u);
  if (found !== undefined) return found;
  const group = u >>> 16;
  if ((group & 1) === 0 && (group & 0xff) <= 0x1e) {
    for (const rule of t.masked) if (((u & rule.mask) >>> 0) === rule.tag) return rule;
  }
  return isPrivateGroup(group) ? t.privateRow : undefined;
}

/** A coded entry of PS3.16 CID 7050 (scheme DCM). */
export interface DeidMethodCode {
  readonly value: string;
  readonly scheme: 'DCM';
  readonly meaning: string;
}

/**
 * Profile and option codes of PS3.16 CID 7050 (De-identification Method), for De-identification
 * Method Code Sequence (0012,0064): 113100 Basic Application Confidentiality Profile, 113101 Clean
 * Pixel Data Option, 113102 Clean Recognizable Visual Features Option, 113103 Clean Graphics Option,
 * 113104 Clean Structured Content Option, 113105 Clean Descriptors Option, 113106 Retain
 * Longitudinal Temporal Information Full Dates Option, 113107 Retain Longitudinal Temporal
 * Information Modified Dates Option, 113108 Retain Patient Characteristics Option, 113109 Retain
 * Device Identity Option, 113110 Retain UIDs Option, 113111 Retain Safe Private Option, 113112
 * Retain Institution Identity Option.
 */
export const DEID_METHOD_CODES: Readonly<Record<'basic' | 'cleanPixelData' | 'cleanRecognizableVisualFeatures' | DeidOption, DeidMethodCode>> = {
  basic: dcm('113100', 'Basic Application Confidentiality Profile'),
  cleanPixelData: dcm('113101', 'Clean Pixel Data Option'),
  cleanRecognizableVisualFeatures: dcm('113102', 'Clean Recognizable Visual Features Option'),
  cleanGraphics: dcm('113103', 'Clean Graphics Option'),
  cleanStructuredContent: dcm('113104', 'Clean Structured Content Option'),
  cleanDescriptors: dcm('113105', 'Clean Descriptors Option'),
  retainLongitudinalFullDates: dcm('113106', 'Retain Longitudinal Temporal Information Full Dates Option'),
  retainLongitudinalModifiedDates: dcm('113107', 'Retain Longitudinal Temporal Information Modified Dates Option'),
  retainPatientCharacteristics: dcm('113108', 'Retain Patient Characteristics Option'),
  retainDeviceIdentity: dcm('113109', 'Retain Device Identity Option'),
  retainUIDs: dcm('113110', 'Retain UIDs Option'),
  retainSafePrivate: dcm('113111', 'Retain Safe Private Option'),
  retainInstitutionIdentity: dcm('113112', 'Retain Institution Identity Option'),
};

function dcm(value: string, meaning: string): DeidMethodCode {
  return Object.freeze({ value, scheme: 'DCM', meaning });
}
