// PS3.15 Table E.3.10-1 (Safe Private Attributes) → safe-private.generated.ts.
// The machine-readable tables (innolitics) do not carry this table; it is read from the text of
// PS3.15 Annex E as a reStructuredText grid table (see tools/README.md for the source used).
import { escapeTemplate } from './common.mjs';

const VRS = new Set(['AE', 'AS', 'AT', 'CS', 'DA', 'DS', 'DT', 'FD', 'FL', 'IS', 'LO', 'LT', 'OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'PN', 'SH', 'SL', 'SQ', 'SS', 'ST', 'SV', 'TM', 'UC', 'UI', 'UL', 'UN', 'UR', 'US', 'UT', 'UV']);

/**
 * The rows of the grid table titled "Safe Private Attributes" in the text of PS3.15 Annex E, in
 * table order: { group (number), element (the low byte of (gggg,xxee), number), creator, vr ('' when
 * the table gives none), vm, meaning (see plainText) }. Cells spread over several lines are joined
 * with one space. A row that is not a private tag (gggg odd, xx block), a VR the standard does not
 * define or a duplicate (group, creator, element) stops the run.
 */
export function readSafePrivateRows(rst) {
  const lines = rst.split('\n');
  const title = lines.findIndex((l) => /\.\. table:: Safe Private Attributes\s*$/.test(l));
  if (title < 0) throw new Error('no ".. table:: Safe Private Attributes" in the PS3.15 Annex E text');
  let i = lines.findIndex((l, k) => k > title && l.trim().startsWith('+'));
  const border = lines[i].trim();
  const cuts = [...border].flatMap((c, k) => (c === '+' ? [k] : []));
  const indent = lines[i].indexOf('+');
  const rows = [];
  let cells = null;
  for (i += 1; i < lines.length; i++) {
    const line = lines[i];
    const t = line.trim();
    if (t.startsWith('+')) {
      if (cells && !/^\*\*/.test(cells[0])) rows.push(cells);
      cells = [];
      continue;
    }
    if (!t.startsWith('|')) break;
    const body = line.slice(indent);
    const parts = cuts.slice(0, -1).map((c, k) => body.slice(c + 1, cuts[k + 1]).trim());
    cells = cells && cells.length ? cells.map((v, k) => [v, parts[k]].filter(Boolean).join(' ')) : parts;
  }
  const seen = new Set();
  return rows.map((c) => {
    const [tag, creator, vr, vm, meaning] = c;
    const m = /^\(([0-9A-Fa-f]{4}),xx([0-9A-Fa-f]{2})\)$/.exec(tag);
    if (!m) throw new Error(`Safe Private Attributes: unexpected tag ${tag}`);
    const group = parseInt(m[1], 16);
    if ((group & 1) !== 1) throw new Error(`Safe Private Attributes: even group in ${tag}`);
    if (vr !== '' && !VRS.has(vr)) throw new Error(`Safe Private Attributes: VR '${vr}' at ${tag}`);
    if (creator === '') throw new Error(`Safe Private Attributes: no private creator at ${tag}`);
    const element = parseInt(m[2], 16);
    const key = `${group}/${creator}/${element}`;
    if (seen.has(key)) throw new Error(`Safe Private Attributes: duplicate row ${tag} ${creator}`);
    seen.add(key);
    return { group, element, creator, vr, vm, meaning: plainText(meaning) };
  });
}

/**
 * A cell without reStructuredText inline markup: "1\\ :sup:`st`\\ value" → "1st value" (the text
 * breaks that markup across lines, which the cell joining turned into ":s up:").
 */
function plainText(cell) {
  return cell.replace(/\\ :s ?up:`([^`]*)`\\ /g, '$1 ').replace(/\s+/g, ' ').trim();
}

/** safe-private.generated.ts: one tab-separated line per row, in table order, parsed lazily by safe-private.ts. */
export function safePrivateModule(rows) {
  const hex = (n, d) => n.toString(16).toUpperCase().padStart(d, '0');
  const lines = rows.map((r) => [hex(r.group, 4), hex(r.element, 2), r.creator, r.vr, r.vm, r.meaning].join('\t'));
  for (const line of lines) if (line.split('\t').length !== 6 || line.includes('\n')) throw new Error(`safe private: bad row ${line}`);
  return `
/**
 * PS3.15 Table E.3.10-1 (Safe Private Attributes), one row per line, in table order:
 * \`GGGG\\tEE\\tPrivate Creator\\tVR\\tVM\\tMeaning\` where GGGG is the (odd) group and EE the low byte of
 * the element (gggg,xxEE) in the block the Private Creator reserves; VR is '' where the table gives none.
 * ${rows.length} rows. Parsed lazily by safe-private.ts.
 */
export const SAFE_PRIVATE_TABLE = \`${escapeTemplate(lines.join('\n'))}\`;

/** Number of lines in {@link SAFE_PRIVATE_TABLE}. */
export const SAFE_PRIVATE_COUNT = ${rows.length};
`;
}
