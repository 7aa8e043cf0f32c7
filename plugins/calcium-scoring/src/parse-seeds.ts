import { SdkError } from '@atrium/sdk';
import type { Artery, Seed } from './scoring/index.js';

const ARTERIES: readonly Artery[] = ['LM', 'LAD', 'LCX', 'RCA', 'PDA'];

/**
 * The `seeds` parameter (a JSON array) as scoring seeds. Each item is
 * `{"artery": "LAD", "at": [x, y, z]}` (patient coordinates, mm) or
 * `{"artery": "RCA", "instanceNumber": 12, "row": 200, "column": 310}` (pixel, from 0).
 * Throws SdkError `ATRIUM_ERR_PARAM_INVALID` naming the parameter and the item.
 */
export function parseSeeds(text: string): Seed[] {
  const bad = (why: string): SdkError => new SdkError('ATRIUM_ERR_PARAM_INVALID', `parameter "seeds" ${why}`, { parameter: 'seeds', value: text });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw bad(`is not valid JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(raw)) throw bad('must be a JSON array of seeds');
  return raw.map((item: unknown, i): Seed => {
    const where = `seed ${i + 1}`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw bad(`${where} must be an object`);
    const o = item as Record<string, unknown>;
    const artery = o.artery;
    if (typeof artery !== 'string' || !ARTERIES.includes(artery as Artery)) throw bad(`${where}: artery must be one of ${ARTERIES.join(', ')} (got ${JSON.stringify(artery)})`);
    const a = artery as Artery;
    if (o.at !== undefined) {
      const at = o.at;
      if (!Array.isArray(at) || at.length !== 3 || !at.every((v) => typeof v === 'number' && Number.isFinite(v))) throw bad(`${where} (${a}): "at" must be [x, y, z] in mm`);
      return { artery: a, at: [at[0] as number, at[1] as number, at[2] as number] };
    }
    const { instanceNumber, row, column } = o;
    if ([instanceNumber, row, column].every((v) => typeof v === 'number' && Number.isInteger(v)) && (row as number) >= 0 && (column as number) >= 0) {
      return { artery: a, instanceNumber: instanceNumber as number, row: row as number, column: column as number };
    }
    throw bad(`${where} (${a}) needs "at": [x, y, z] (mm), or whole "instanceNumber", "row" and "column" (from 0)`);
  });
}
