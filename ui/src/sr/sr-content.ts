import dcmjs from 'dcmjs';
import { getParts } from '../dicomweb/dicomweb-client';

type Item = Record<string, unknown>;

/** A NUM item of an SR with the containers above it. */
export interface SrNumber {
  path: string[];
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
  const walk = (items: Item[], path: string[]) => {
    for (const item of items) {
      const concept = meaning(item.ConceptNameCodeSequence);
      const type = String(item.ValueType ?? '');
      if (type === 'NUM') {
        const mv = asArray(item.MeasuredValueSequence)[0];
        if (mv) out.numbers.push({ path, concept, value: Number(mv.NumericValue), unit: meaning(mv.MeasurementUnitsCodeSequence) });
      } else if (type === 'TEXT') out.texts.push({ path, concept, value: String(item.TextValue ?? '') });
      else if (type === 'CODE') out.texts.push({ path, concept, value: meaning(item.ConceptCodeSequence) });
      walk(asArray(item.ContentSequence), type === 'CONTAINER' ? [...path, concept] : path);
    }
  };
  walk(asArray(ds.ContentSequence), []);
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
