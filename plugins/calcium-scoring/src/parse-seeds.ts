import { closestName, SdkError } from '@atrium/sdk';
import type { Artery, Seed, SeedPoint, SeedRoi } from './scoring/index.js';

const ARTERIES: readonly Artery[] = ['LM', 'LAD', 'LCX', 'RCA', 'PDA'];
const SEED_KEYS = new Set(['artery', 'exclude', 'at', 'instanceNumber', 'row', 'column', 'roi']);
const ROI_KEYS = new Set(['box', 'polygon', 'units', 'slices']);

/**
 * The `seeds` parameter (a JSON array) as scoring seeds. Each item is an artery seed
 * `{"artery": "LAD", ...point}` (the artery in any letter case) or an exclusion `{"exclude": true, ...point}`, the point
 * `"at": [x, y, z]` (patient mm) or `"instanceNumber", "row", "column"` (pixel, from 0), with an
 * optional `"roi"`: `{"box": [a, b, c, d]}` or `{"polygon": [[a, b], ...]}`, `"units": "mm"`
 * (default: x, y) or `"pixels"` (column, row), `"slices": [first, last]` (Instance Numbers).
 * An item may also be the JSON text of one seed (`"{\"artery\":\"LAD\",\"at\":[1,2,3]}"`).
 * Throws SdkError `ATRIUM_ERR_PARAM_INVALID` naming the parameter, the item and the field.
 */
export function parseSeeds(text: string): Seed[] {
  const bad = (why: string): SdkError => new SdkError('ATRIUM_ERR_PARAM_INVALID', `parameter "seeds" ${why}`, { parameter: 'seeds', value: text });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw bad(`is not valid JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(raw)) throw bad('must be a JSON array of seeds: write it as [{"artery":"LAD","at":[x,y,z]}]');
  return raw.map((given: unknown, i): Seed => {
    const where = `seed ${i + 1}`;
    const item = typeof given === 'string' ? seedText(given, where, bad) : given;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw bad(`${where} must be an object`);
    const o = item as Record<string, unknown>;
    const unknown = Object.keys(o).find((k) => !SEED_KEYS.has(k));
    if (unknown !== undefined) throw bad(`${where}: "${unknown}" is not a field of a seed (fields: ${[...SEED_KEYS].join(', ')})`);
    let kind: { artery: Artery } | { exclude: true };
    if (o.exclude !== undefined) {
      if (o.exclude !== true) throw bad(`${where}: "exclude" must be true`);
      if (o.artery !== undefined) throw bad(`${where}: an exclusion seed has no artery`);
      kind = { exclude: true };
    } else {
      kind = { artery: arteryOf(o.artery, where, bad) };
    }
    const label = `${where} (${'artery' in kind ? kind.artery : 'exclusion'})`;
    const roi = o.roi === undefined ? undefined : parseRoi(o.roi, label, bad);
    return { ...kind, ...point(o, label, bad), ...(roi ? { roi } : {}) };
  });
}

/** The artery a seed names, in any letter case (`lad` is LAD); a misspelt one gets the nearest name. */
function arteryOf(value: unknown, where: string, bad: (why: string) => SdkError): Artery {
  const artery = typeof value === 'string' ? ARTERIES.find((a) => a === value.toUpperCase()) : undefined;
  if (artery !== undefined) return artery;
  if (typeof value !== 'string') throw bad(`${where}: artery must be one of ${ARTERIES.join(', ')} (got ${JSON.stringify(value)}), or "exclude": true`);
  const near = closestName(value, ARTERIES);
  throw bad(`${where}: unknown artery ${JSON.stringify(value)}${near ? ` (did you mean ${near}?)` : ''}; arteries: ${ARTERIES.join(', ')}, or "exclude": true`);
}

/** A seed given as JSON text (one item of the array). */
function seedText(text: string, where: string, bad: (why: string) => SdkError): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw bad(`${where} is a string but not the JSON of a seed (${(e as Error).message}); write it as {"artery":"LAD","at":[x,y,z]}`);
  }
}

function point(o: Record<string, unknown>, label: string, bad: (why: string) => SdkError): SeedPoint {
  if (o.at !== undefined) {
    const at = o.at;
    if (!Array.isArray(at) || at.length !== 3 || !at.every(finite)) throw bad(`${label}: "at" must be [x, y, z] in mm`);
    return { at: [at[0] as number, at[1] as number, at[2] as number] };
  }
  const { instanceNumber, row, column } = o;
  if ([instanceNumber, row, column].every((v) => typeof v === 'number' && Number.isInteger(v)) && (row as number) >= 0 && (column as number) >= 0) {
    return { instanceNumber: instanceNumber as number, row: row as number, column: column as number };
  }
  throw bad(`${label} needs "at": [x, y, z] (mm), or whole "instanceNumber", "row" and "column" (from 0)`);
}

function parseRoi(value: unknown, label: string, bad: (why: string) => SdkError): SeedRoi {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad(`${label}: "roi" must be an object with "box" or "polygon"`);
  const r = value as Record<string, unknown>;
  const unknown = Object.keys(r).find((k) => !ROI_KEYS.has(k));
  if (unknown !== undefined) throw bad(`${label}: "${unknown}" is not a field of a roi (fields: ${[...ROI_KEYS].join(', ')})`);
  const units = r.units ?? 'mm';
  if (units !== 'mm' && units !== 'pixels') throw bad(`${label}: roi "units" must be "mm" or "pixels"`);
  if ((r.box === undefined) === (r.polygon === undefined)) throw bad(`${label}: a roi has either "box" or "polygon"`);
  let slices: [number, number] | undefined;
  if (r.slices !== undefined) {
    if (!Array.isArray(r.slices) || r.slices.length !== 2 || !r.slices.every((v) => Number.isInteger(v))) throw bad(`${label}: roi "slices" must be [first, last] Instance Numbers`);
    slices = [r.slices[0], r.slices[1]];
  }
  const common = { units, ...(slices ? { slices } : {}) } as const;
  if (r.box !== undefined) {
    const b = r.box;
    if (!Array.isArray(b) || b.length !== 4 || !b.every(finite)) throw bad(`${label}: roi "box" must be [x0, y0, x1, y1] (mm) or [column0, row0, column1, row1] (pixels)`);
    return { ...common, box: [b[0] as number, b[1] as number, b[2] as number, b[3] as number] };
  }
  const p = r.polygon;
  if (!Array.isArray(p) || p.length < 3 || !p.every((v) => Array.isArray(v) && v.length === 2 && v.every(finite))) throw bad(`${label}: roi "polygon" must be at least 3 points [x, y] (mm) or [column, row] (pixels)`);
  return { ...common, polygon: p.map((v: number[]) => [v[0]!, v[1]!] as const) };
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
