// PS3.15 Table E.1-1 (confidentiality_profile_attributes.json, 2025) → deid-rules.generated.ts.
import { escapeTemplate } from './common.mjs';

/** Option columns of the JSON, in the order they are written to the generated table (= DEID_OPTIONS of deid-rules.ts). */
export const OPTION_COLUMNS = [
  ['rtnSafePrivOpt', 'retainSafePrivate'],
  ['rtnUIDsOpt', 'retainUIDs'],
  ['rtnDevIdOpt', 'retainDeviceIdentity'],
  ['rtnInstIdOpt', 'retainInstitutionIdentity'],
  ['rtnPatCharsOpt', 'retainPatientCharacteristics'],
  ['rtnLongFullDatesOpt', 'retainLongitudinalFullDates'],
  ['rtnLongModifDatesOpt', 'retainLongitudinalModifiedDates'],
  ['cleanDescOpt', 'cleanDescriptors'],
  ['cleanStructContOpt', 'cleanStructuredContent'],
  ['cleanGraphOpt', 'cleanGraphics'],
];

/** Action codes of PS3.15 Table E.1-1 (Basic Profile and option columns). */
export const ACTIONS = new Set(['D', 'Z', 'X', 'K', 'C', 'U', 'Z/D', 'X/Z', 'X/D', 'X/Z/D', 'X/Z/U*']);

/** Tag text of the private-attributes row in the generated table. */
export const PRIVATE_ROW_TAG = 'GGGGEEEE';

const KNOWN_KEYS = new Set(['tag', 'name', 'id', 'stdCompIOD', 'basicProfile', ...OPTION_COLUMNS.map(([k]) => k)]);

/**
 * Normalises the Table E.1-1 rows, in table order.
 * tagText: 8 hex digits with 'X' where a repeating group varies (e.g. '60XX4000', '50XXXXXX'),
 * or PRIVATE_ROW_TAG for "(GGGG,EEEE) WHERE GGGG IS ODD". keyword: from the dictionary rows
 * (readDictionary), '' when it has none. options: [columnIndex, action] pairs as strings in
 * OPTION_COLUMNS order ('' where the column is empty).
 */
export function readDeidRules(table, dictionary) {
  const keywords = new Map(dictionary.map((d) => [d.tagText, d.keyword]));
  const seen = new Set();
  const rows = [];
  for (const r of table) {
    for (const k of Object.keys(r)) {
      if (!KNOWN_KEYS.has(k)) throw new Error(`confidentiality_profile_attributes.json: unknown column ${k} at ${r.tag}`);
    }
    let tagText;
    if (/^\(GGGG,EEEE\) WHERE GGGG IS ODD$/i.test(r.tag)) tagText = PRIVATE_ROW_TAG;
    else {
      const m = /^\(([0-9A-FX]{4}),([0-9A-FX]{4})\)$/i.exec(r.tag);
      if (!m) throw new Error(`confidentiality_profile_attributes.json: unexpected tag ${r.tag}`);
      tagText = (m[1] + m[2]).toUpperCase();
      if (tagText.includes('X') && !/^[56]0XX/.test(tagText)) throw new Error(`confidentiality_profile_attributes.json: unexpected repeating group ${r.tag}`);
    }
    if (seen.has(tagText)) throw new Error(`confidentiality_profile_attributes.json: duplicate row ${r.tag}`);
    seen.add(tagText);
    if (r.stdCompIOD !== 'Y' && r.stdCompIOD !== 'N') throw new Error(`confidentiality_profile_attributes.json: stdCompIOD '${r.stdCompIOD}' at ${r.tag}`);
    const basic = String(r.basicProfile).trim();
    if (!ACTIONS.has(basic)) throw new Error(`confidentiality_profile_attributes.json: Basic Profile action '${basic}' at ${r.tag}`);
    const options = OPTION_COLUMNS.map(([column]) => {
      const v = r[column] === undefined ? '' : String(r[column]).trim();
      if (v !== '' && !ACTIONS.has(v)) throw new Error(`confidentiality_profile_attributes.json: ${column} action '${v}' at ${r.tag}`);
      return v;
    });
    rows.push({
      tagText,
      keyword: keywords.get(tagText) ?? '',
      // one name per line: "Icon Image Sequence\n\n(see Note 11)" → "Icon Image Sequence (see Note 11)"
      name: String(r.name).replace(/\s+/g, ' ').trim(),
      inStdCompIOD: r.stdCompIOD === 'Y',
      basic,
      options,
    });
  }
  return rows;
}

/** deid-rules.generated.ts: one tab-separated line per row, in table order, parsed lazily by deid-rules.ts. */
export function deidModule(rows) {
  const lines = rows.map((r) => [r.tagText, r.keyword, r.name, r.inStdCompIOD ? 'Y' : 'N', r.basic, ...r.options].join('\t'));
  for (const line of lines) if (line.includes('\n')) throw new Error(`deid rules: newline in row ${line}`);
  return `
/**
 * PS3.15 Table E.1-1 (Application Level Confidentiality Profile Attributes, 2025), one row per line,
 * in table order: \`TAG\\tKeyword\\tName\\tY|N\\tBasic\\t<10 option columns>\` where TAG is 8 hex digits
 * with 'X' in repeating positions (60XX4000, 50XXXXXX) or ${PRIVATE_ROW_TAG} for the row of all private
 * groups; Keyword is from the data dictionary ('' if none); Y|N is "in a standard composite IOD";
 * Basic is the Basic Profile action; the option columns, empty where the table has no entry, are:
 * ${OPTION_COLUMNS.map(([, o]) => o).join(', ')}.
 * ${rows.length} rows. Parsed lazily by deid-rules.ts.
 */
export const DEID_RULES_TABLE = \`${escapeTemplate(lines.join('\n'))}\`;

/** Number of lines in {@link DEID_RULES_TABLE}. */
export const DEID_RULE_COUNT = ${rows.length};
`;
}

/** Counts per Basic Profile action and per option column action, for the generator's summary line. */
export function deidStats(rows) {
  const basic = {};
  for (const r of rows) basic[r.basic] = (basic[r.basic] ?? 0) + 1;
  const options = {};
  OPTION_COLUMNS.forEach(([, option], i) => {
    for (const r of rows) {
      const v = r.options[i];
      if (v) options[`${option} ${v}`] = (options[`${option} ${v}`] ?? 0) + 1;
    }
  });
  return { basic, options, withoutKeyword: rows.filter((r) => r.keyword === '').map((r) => r.tagText) };
}
