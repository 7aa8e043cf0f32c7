import { AtriumError } from '../errors/atrium-error.js';
import type { Replacements } from './deid-options.js';
import { FileProblem, readRegularFile } from '../io/regular-file.js';

const COLUMNS = { originalpatientid: 'original', patientname: 'name', patientid: 'id' } as const;

/**
 * Parse a patient mapping CSV (RFC 4180: commas, double quotes, "" inside quotes; UTF-8, optional
 * BOM) into original Patient ID → new Patient's Name / Patient ID. The header row names the
 * columns, in any order, case-insensitive: `OriginalPatientID,PatientName,PatientID`. Every row
 * needs an original ID and at least one new value; an empty cell leaves that attribute to the
 * profile. Throws ATRIUM_ERR_DEID_MAP naming the file and line: wrong number of fields, missing
 * original ID, duplicate original ID, a value with a backslash or longer than 64 characters.
 */
export function parsePatientMap(text: string, file = 'mapping'): Map<string, Replacements> {
  const rows = csvRows(text.replace(/^\uFEFF/, ''), file);
  const header = rows.shift();
  const bad = (line: number, why: string): AtriumError => new AtriumError('ATRIUM_ERR_DEID_MAP', `${file} line ${line}: ${why}`, { file, line });
  if (header === undefined) throw bad(1, 'empty file; expected a header row OriginalPatientID,PatientName,PatientID');
  const at = new Map<string, number>();
  header.fields.forEach((h, i) => {
    const key = COLUMNS[h.trim().toLowerCase().replace(/[\s_'-]/g, '') as keyof typeof COLUMNS];
    if (key !== undefined) at.set(key, i);
  });
  if (!at.has('original') || !(at.has('name') || at.has('id'))) {
    throw bad(header.line, `header must name the columns OriginalPatientID and PatientName and/or PatientID, got "${header.fields.join(',')}"`);
  }
  const map = new Map<string, Replacements>();
  for (const r of rows) {
    if (r.fields.length === 1 && r.fields[0]!.trim() === '') continue; // blank line
    if (r.fields.length !== header.fields.length) throw bad(r.line, `${r.fields.length} fields, the header has ${header.fields.length}`);
    const cell = (k: string): string => { const i = at.get(k); return i === undefined ? '' : r.fields[i]!.trim(); };
    const original = cell('original');
    const name = cell('name');
    const id = cell('id');
    if (original === '') throw bad(r.line, 'no original Patient ID');
    if (name === '' && id === '') throw bad(r.line, `no new Patient's Name or Patient ID for '${original}'`);
    if (map.has(original)) throw bad(r.line, `Patient ID '${original}' is mapped twice`);
    for (const [what, v] of [["Patient's Name", name], ['Patient ID', id]] as const) {
      if (v.includes('\\') || v.length > 64) throw bad(r.line, `${what} '${v}' must have no backslash and at most 64 characters`);
    }
    map.set(original, { ...(name ? { PatientName: name } : {}), ...(id ? { PatientID: id } : {}) });
  }
  return map;
}

/**
 * Read and parse a mapping file (see {@link parsePatientMap}). A path that is not a readable regular
 * file (missing, a folder, a FIFO — never waited on —, a symbolic link loop) is ATRIUM_ERR_DEID_MAP too.
 */
export function readPatientMap(path: string): Map<string, Replacements> {
  let text: string;
  try {
    text = readRegularFile(path).toString('utf8');
  } catch (e) {
    if (e instanceof FileProblem) throw new AtriumError('ATRIUM_ERR_DEID_MAP', `mapping file ${path} ${e.message}`, { file: path });
    throw e;
  }
  return parsePatientMap(text, path);
}

/** CSV records with the line each starts on. */
function csvRows(text: string, file: string): { fields: string[]; line: number }[] {
  const out: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else { if (c === '\n') line++; field += c; }
    } else if (c === '"' && field.trim() === '') { quoted = true; field = ''; }
    else if (c === ',') { fields.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      out.push({ fields, line: start });
      fields = []; field = ''; line++; start = line;
    } else field += c;
  }
  if (quoted) throw new AtriumError('ATRIUM_ERR_DEID_MAP', `${file} line ${start}: unterminated quoted field`, { file, line: start });
  if (field !== '' || fields.length > 0) { fields.push(field); out.push({ fields, line: start }); }
  return out;
}
