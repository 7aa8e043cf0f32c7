import dcmjs from 'dcmjs';
import { getParts } from '../dicomweb/dicomweb-client';

type Item = Record<string, unknown>;

/** A NUM item of an SR with the containers above it and the one it is in. */
export interface SrNumber {
  path: string[];
  /** The innermost container: its number in document order and its label (its concept name, with a finding or tracking identifier when it has one). */
  group: { id: number; label: string };
  concept: string;
  value: number;
  unit: string;
}

/** What the UI shows of an SR document: its title, NUM items, and TEXT / CODE items. */
export interface SrContent {
  title: string;
  numbers: SrNumber[];
  texts: { path: string[]; concept: string; value: string }[];
}

const asArray = (v: unknown): Item[] => (Array.isArray(v) ? (v as Item[]) : v ? [v as Item] : []);
const meaning = (code: unknown): string => String(asArray(code)[0]?.CodeMeaning ?? '');

/** Walk a naturalized SR content tree (PS3.3 C.17.3) into numbers and texts. */
export function readSrContent(ds: Item): SrContent {
  const out: SrContent = { title: meaning(ds.ConceptNameCodeSequence), numbers: [], texts: [] };
  let groups = 0;
  const labelOf = (container: Item, concept: string): string => {
    const children = asArray(container.ContentSequence);
    const named = children.find((c) => /^(Finding|Tracking Identifier)$/.test(meaning(c.ConceptNameCodeSequence)));
    const detail = named ? String(named.TextValue ?? meaning(named.ConceptCodeSequence)) : '';
    return detail ? `${concept}: ${detail}` : concept;
  };
  const walk = (items: Item[], path: string[], group: SrNumber['group']) => {
    for (const item of items) {
      const concept = meaning(item.ConceptNameCodeSequence);
      const type = String(item.ValueType ?? '');
      if (type === 'NUM') {
        const mv = asArray(item.MeasuredValueSequence)[0];
        if (mv) out.numbers.push({ path, group, concept, value: Number(mv.NumericValue), unit: meaning(mv.MeasurementUnitsCodeSequence) });
      } else if (type === 'TEXT') out.texts.push({ path, concept, value: String(item.TextValue ?? '') });
      else if (type === 'CODE') out.texts.push({ path, concept, value: meaning(item.ConceptCodeSequence) });
      if (type === 'CONTAINER') walk(asArray(item.ContentSequence), [...path, concept], { id: ++groups, label: labelOf(item, concept) });
      else walk(asArray(item.ContentSequence), path, group);
    }
  };
  walk(asArray(ds.ContentSequence), [], { id: 0, label: out.title });
  return out;
}

/** Fetch an SR instance as stored (WADO-RS) and read it with dcmjs. */
export async function fetchSrContent(study: string, series: string, sop: string): Promise<SrContent> {
  const parts = await getParts(`/studies/${encodeURIComponent(study)}/series/${encodeURIComponent(series)}/instances/${encodeURIComponent(sop)}`, 'multipart/related; type="application/dicom"');
  const bytes = parts[0]?.body;
  if (!bytes) throw new Error(`the SR instance ${sop} came back empty`);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const dict = dcmjs.data.DicomMessage.readFile(buffer);
  return readSrContent(dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.dict));
}
