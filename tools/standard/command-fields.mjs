// The DIMSE command group (PS3.7 Table E.1-1) for tools/generate-command-tags.mjs: PS3.7 is not
// among the machine-readable tables of generate-standard.mjs, so its rows are a committed input
// (standard/ps3.7-command-fields.tsv, with the transcriptions they were copied from).
import { hex8, quote } from './common.mjs';

const VRS = new Set(['UL', 'UI', 'US', 'AE', 'AT', 'LO']);

/** The rows of the command fields file: tag, VR, VM, keyword, name; stops on a malformed row. */
export function readCommandFields(text) {
  const rows = [];
  const seen = new Set();
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const [tagText, vr, vm, keyword, name] = line.split('\t');
    const where = `line ${i + 1}`;
    if (!/^0000[0-9A-F]{4}$/.test(tagText ?? '')) throw new Error(`${where}: ${tagText} is not a command group tag (0000,eeee)`);
    if (!VRS.has(vr)) throw new Error(`${where}: unknown VR ${vr}`);
    if (!/^[A-Z][A-Za-z0-9]+$/.test(keyword ?? '') || !name) throw new Error(`${where}: keyword or name missing`);
    if (seen.has(tagText) || seen.has(keyword)) throw new Error(`${where}: ${tagText} ${keyword} listed twice`);
    seen.add(tagText).add(keyword);
    rows.push({ tag: parseInt(tagText, 16), vr, vm, keyword, name });
  });
  return rows;
}

/** The generated module: CommandTag (keyword → tag) and CommandVr (keyword → VR). */
export function commandTagsModule(rows) {
  const tags = rows.map((r) => `  /** (0000,${hex8(r.tag).slice(6)}) ${r.name}, VM ${r.vm}. */\n  ${r.keyword}: ${hex8(r.tag)},`);
  const vrs = rows.map((r) => `  ${r.keyword}: ${quote(r.vr)},`);
  return [
    '',
    '/** Tags (group << 16 | element) of the DIMSE command group, PS3.7 Table E.1-1, by keyword. */',
    'export const CommandTag = {',
    ...tags,
    '} as const;',
    '',
    '/** A keyword of the command group. */',
    'export type CommandKeyword = keyof typeof CommandTag;',
    '',
    '/** The VR of each command element (PS3.7 Table E.1-1; a command set is Implicit VR Little Endian). */',
    'export const CommandVr = {',
    ...vrs,
    '} as const satisfies Record<CommandKeyword, string>;',
    '',
  ].join('\n');
}
