// Data dictionary (attributes.json, 2025) → dictionary.generated.ts and tags.generated.ts.
import { escapeTemplate, hex8 } from './common.mjs';

/**
 * Normalises the attributes.json rows.
 * tagText: 8 hex digits with 'X' where a repeating group varies, e.g. '60XX3000'.
 * vrs: e.g. ['US','SS']; empty when the standard gives none (items/delimiters, unnamed retired rows).
 */
export function readDictionary(attributes) {
  const rows = [];
  for (const a of attributes) {
    const m = /^\(([0-9A-FX]{4}),([0-9A-FX]{4})\)$/i.exec(a.tag);
    if (!m) throw new Error(`attributes.json: unexpected tag ${a.tag}`);
    const tagText = (m[1] + m[2]).toUpperCase();
    const vrText = a.valueRepresentation.trim();
    const vrs = /^[A-Z]{2}( or [A-Z]{2})*$/.test(vrText) ? vrText.split(' or ') : [];
    if (vrText && vrs.length === 0 && vrText !== 'See Note 2') throw new Error(`attributes.json: unexpected VR '${vrText}' at ${a.tag}`);
    for (const f of ['keyword', 'name', 'valueMultiplicity']) {
      if (/[\t\n]/.test(a[f])) throw new Error(`attributes.json: control character in ${f} at ${a.tag}`);
    }
    rows.push({
      tagText,
      masked: tagText.includes('X'),
      tag: parseInt(tagText.replace(/X/g, '0'), 16),
      keyword: a.keyword.trim(),
      vrs,
      vm: a.valueMultiplicity.trim(),
      name: a.name.trim(),
      retired: a.retired === 'Y',
    });
  }
  rows.sort((x, y) => (x.tagText < y.tagText ? -1 : x.tagText > y.tagText ? 1 : 0));
  return rows;
}

/** dictionary.generated.ts: one line per entry, tab-separated, parsed lazily by dictionary.ts. */
export function dictionaryModule(rows) {
  const lines = rows.map((r) =>
    [r.tagText, r.keyword, r.vrs.join('|'), r.vm, r.name, r.retired ? 'R' : ''].join('\t'),
  );
  return `
/**
 * Every attribute of the DICOM data dictionary (PS3.6 Table 6-1, 2025), one per line:
 * \`TAG\\tKeyword\\tVR[|VR…]\\tVM\\tName\\tR?\` where TAG is 8 hex digits with 'X' in repeating-group
 * positions (e.g. 60XX3000), VR is empty when the standard gives none, and 'R' marks retired entries.
 * ${rows.length} entries. Parsed lazily by dictionary.ts.
 */
export const DICTIONARY_TABLE = \`${escapeTemplate(lines.join('\n'))}\`;

/** Number of lines in {@link DICTIONARY_TABLE}. */
export const DICTIONARY_ENTRY_COUNT = ${rows.length};
`;
}

/** tags.generated.ts: Tag.<Keyword> = 0xGGGGEEEE for every non-repeating entry with a keyword. */
export function tagsModule(rows) {
  const seen = new Set();
  const out = [];
  for (const r of rows) {
    if (r.masked || !r.keyword) continue;
    if (seen.has(r.keyword)) throw new Error(`duplicate keyword ${r.keyword}`);
    seen.add(r.keyword);
    const note = r.retired ? ' // retired' : '';
    out.push(`  ${r.keyword}: ${hex8(r.tag)},${note}`);
  }
  return `
/**
 * Numeric tags (group << 16 | element) of the DICOM data dictionary (2025), by keyword.
 * Repeating-group entries (50xx, 60xx, 7Fxx, …) are not listed: look them up with lookupKeyword().
 */
export const Tag = {
${out.join('\n')}
} as const;

/** A keyword of {@link Tag}. */
export type TagKeyword = keyof typeof Tag;
`;
}
