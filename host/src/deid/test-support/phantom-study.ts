import { deidRules, lookupKeyword, lookupTag, Tag } from '@atrium/sdk';
import type { DataElement } from '../../io/data-element.js';
import { DataSet } from '../../io/data-set.js';
import { stringElement } from '../../io/element-factory.js';
import { EXPLICIT_LE } from '../../io/transfer-syntax.js';

const DAY = 86_400_000;
const ymd = (t: number): string => new Date(t).toISOString().slice(0, 10).replace(/-/g, '');

/** A unique identifying value valid for a string VR, from a counter; undefined for binary VRs. */
export function plantedValue(vr: string, n: number): string | undefined {
  const k = String(n).padStart(3, '0');
  switch (vr) {
    case 'PN': return `PLANTED^P${k}`;
    case 'LO': case 'SH': case 'LT': case 'ST': case 'UT': case 'UC': case 'CS': case 'AE': return `PL${k}X`;
    case 'UR': return `http://pl${k}.example`;
    case 'DA': return ymd(Date.UTC(1950, 0, 1) + n * DAY);
    case 'DT': return `${ymd(Date.UTC(1975, 0, 1) + n * DAY)}101010`;
    case 'TM': return `101010.${k}`;
    case 'UI': return `1.2.826.0.1.99999.${n}`;
    case 'DS': return `98765${k}.5`;
    case 'IS': return `98765${k}`;
    case 'AS': return `${String(n % 1000).padStart(3, '0')}Y`;
    default: return undefined;
  }
}

const PERSON_NAME = Tag.PersonName;
const REFERENCED_SOP_INSTANCE_UID = Tag.ReferencedSOPInstanceUID;
const REFERENCED_IMAGE_SEQUENCE = Tag.ReferencedImageSequence;

/**
 * A phantom CT object with an identifying value planted in EVERY Table E.1-1 row that can hold
 * text (VR from the data dictionary): string VRs get unique values, each sequence one item holding
 * a planted Person Name, Referenced SOP Instance UID and, one level deeper, a Referenced Image
 * Sequence item with two more. Also a curve (5000,2500), overlay comments (6000,4000) and a private
 * block (0009,0010)/(0009,1001). Binary-only rows (OB, US, ...) are left out: they hold no text.
 */
export function phantomStudy(): DataSet {
  let n = 0;
  const planted = (tag: number, vr: string): DataElement | undefined => {
    const v = plantedValue(vr, ++n);
    return v === undefined ? undefined : stringElement(tag, vr, v);
  };
  const item = (elements: (DataElement | undefined)[]): { dataset: DataSet; undefinedLength: boolean } => ({
    undefinedLength: false,
    dataset: new DataSet(elements.filter((e): e is DataElement => e !== undefined).sort((a, b) => (a.tag >>> 0) - (b.tag >>> 0)), EXPLICIT_LE),
  });
  const sequence = (tag: number): DataElement => ({
    tag, vr: 'SQ', value: new Uint8Array(0), undefinedLength: false,
    items: [item([
      planted(REFERENCED_SOP_INSTANCE_UID, 'UI'),
      planted(PERSON_NAME, 'PN'),
      { tag: REFERENCED_IMAGE_SEQUENCE, vr: 'SQ', value: new Uint8Array(0), undefinedLength: false, items: [item([planted(REFERENCED_SOP_INSTANCE_UID, 'UI'), planted(PERSON_NAME, 'PN')])] },
    ])],
  });
  const elements = new Map<number, DataElement>();
  for (const rule of deidRules()) {
    if (rule.privateGroups || rule.mask !== 0xffffffff) continue;
    const vr = lookupTag(rule.tag)?.vr;
    if (vr === undefined) continue;
    const e = vr === 'SQ' ? sequence(rule.tag) : planted(rule.tag, vr);
    if (e) elements.set(rule.tag, e);
  }
  // Curve Label (50xx,2500) and Overlay Comments (60xx,4000) in their first groups, and a private element.
  for (const [tag, vr] of [[lookupKeyword('CurveLabel')!.tag, 'LO'], [lookupKeyword('OverlayComments')!.tag, 'LT'], [0x00091001, 'LO']] as const) elements.set(tag, planted(tag, vr)!);
  elements.set(0x00090010, stringElement(0x00090010, 'LO', 'PLANTED CREATOR'));
  elements.set(Tag.SOPClassUID, stringElement(Tag.SOPClassUID, 'UI', '1.2.840.10008.5.1.4.1.1.2'));
  elements.set(Tag.Modality, stringElement(Tag.Modality, 'CS', 'CT'));
  return new DataSet([...elements.values()].sort((a, b) => a.tag - b.tag), EXPLICIT_LE);
}
