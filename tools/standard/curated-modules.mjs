// Module attribute tables newer than the 2008 Part 3 tables the generator reads, curated by hand
// from the current PS3.3 (2025). The 2025 JSON tables (modules.json) name these modules but do
// not list their attributes; the rows below do, by keyword. The generator resolves each keyword
// against the 2025 dictionary (attributes.json) and each macro include against the 2008 macro
// tables, so nothing here is a tag typed by hand.
//
// Each module: `source` (the PS3.3 section the rows were read from), then either `rows` (the
// module's whole table: it is newer than 2008) or `append` (rows the current table adds to a
// 2008 module). A row is [keyword, type] or [keyword, type, include], where `include` is the text
// of a 2008 macro include to expand inside the row's sequence items (e.g. the Code Sequence
// Macro, PS3.3 Table 8.8-1).

const CODE_SEQUENCE_MACRO = "Include 'Code Sequence Macro' Table 8.8-1";

/** Curated modules by 2025 module id. */
export const CURATED_MODULES = {
  // Encapsulated STL / OBJ / MTL IODs (PS3.3 A.85): the Manufacturing 3D Model Module.
  'manufacturing-3d-model': {
    source: 'PS3.3 (2025) C.35.1, Table C.35.1-1',
    rows: [
      // Units of the model's coordinates, one item (CID 7063 "Unit of Measure for Manufacturing 3D Model"; UCUM mm).
      ['MeasurementUnitsCodeSequence', '1', CODE_SEQUENCE_MACRO],
      ['ModelModification', '3'],
      ['ModelMirroring', '3'],
      ['ModelUsageCodeSequence', '3', CODE_SEQUENCE_MACRO],
      ['ModelGroupUID', '3'],
    ],
  },
  // The Encapsulated Document Module gained the length of the document without its padding
  // (required for the STL, OBJ and MTL models, whose format has no end marker).
  'encapsulated-document': {
    source: 'PS3.3 (2025) C.24.2, Table C.24-2',
    append: [['EncapsulatedDocumentLength', '1C']],
  },
};

/**
 * Rows of a curated module as `flattenTable` gives them ({ path, type, name }): each keyword
 * resolved to its tag in the 2025 dictionary (a keyword it does not have stops the run), macro
 * includes expanded from the 2008 tables inside the row's items.
 */
export function curatedRows(rows, { dictByKeyword, tables, resolve, flatten, stats }) {
  const out = [];
  for (const [keyword, type, include] of rows) {
    const entry = dictByKeyword.get(keyword);
    if (!entry || entry.masked) throw new Error(`curated-modules.mjs: ${keyword} is not a keyword of the 2025 dictionary`);
    if (!['1', '1C', '2', '2C', '3'].includes(type)) throw new Error(`curated-modules.mjs: ${keyword} has type '${type}'`);
    out.push({ path: [entry.tagText], type, name: entry.name });
    if (include === undefined) continue;
    const target = resolve(include);
    if (target === undefined) throw new Error(`curated-modules.mjs: ${keyword}: cannot resolve '${include}' in the 2008 tables`);
    for (const r of flatten(tables, resolve, target, stats)) out.push({ ...r, path: [entry.tagText, ...r.path] });
  }
  return out;
}
