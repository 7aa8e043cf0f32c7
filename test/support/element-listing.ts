/**
 * Element listings of one DICOM stream as three independent readers see it: Atrium's
 * parser, DCMTK's `dcmdump`, and pydicom. Each is normalised to the same tuples
 * (tag path, VR, value length, value) so that the lists can be compared one to one.
 *
 * - VR: as the reader gives it; DCMTK's internal `??` and `up` are listed as `UN` and `UL`,
 *   and a UN of undefined length read as a sequence (CP-246) as `SQ` by all three.
 * - Tag path: `gggg,eeee` joined by `/` with the 1-based item number between a sequence
 *   and its nested elements (e.g. `0040,a730/2/0040,a043/1/0008,0100`); an item itself is
 *   listed as `<sequence path>/<n>` with VR `na`, a fragment of encapsulated Pixel Data
 *   as `7fe0,0010/<n>` with VR `pi` (n = 1 is the Basic Offset Table).
 * - Length: the value length in bytes as encoded, `u/l` for undefined length, `?` when
 *   the reader does not report it (pydicom, for defined-length sequences and items).
 * - Value: for string VRs the values joined by `\`, each without leading/trailing
 *   padding; for integer VRs (US, SS, UL, SL) the numbers joined by `\`; otherwise `?`
 *   (not compared). `?` also where a reader does not show the value (a dcmdump value
 *   above its load threshold).
 */
import type { DataElement } from '../../host/src/io/data-element.js';
import type { DataSet } from '../../host/src/io/data-set.js';
import { decodeElementStrings } from '../../host/src/io/element-value.js';
import type { DicomFile } from '../../host/src/io/parse-part10.js';
import { writeDataset } from '../../host/src/io/write-dataset.js';
import { isStringVr } from '../../host/src/io/vr.js';
import { runPeer, runPydicom } from './peers.js';

/** One element (or item, or fragment) as a reader lists it. */
export interface ElementTuple {
  readonly path: string;
  readonly vr: string;
  readonly length: string;
  readonly value: string;
}

const INTEGER_VRS = new Set(['US', 'SS', 'UL', 'SL']);

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}

function tagKey(tag: number): string {
  return `${hex4(Math.floor(tag / 0x10000))},${hex4(tag & 0xffff)}`;
}

/**
 * Values without leading/trailing spaces and NULs, joined by `\`. A PN value also loses
 * trailing empty component groups (`Yamada^Tarou==` is `Yamada^Tarou`, PS3.5 §6.2.1.1),
 * which pydicom drops when it shows a name.
 */
function normaliseValues(values: readonly string[], vr: string): string {
  return values
    .map((v) => v.replace(/^[ \0]+/, '').replace(/[ \0]+$/, ''))
    .map((v) => (vr === 'PN' ? v.replace(/=+$/, '') : v))
    .join('\\');
}

/** Atrium's view: the meta (when present) then the dataset, depth first. */
export function listAtrium(file: DicomFile): ElementTuple[] {
  const out: ElementTuple[] = [];
  if (file.meta) listDataSet(file.meta, '', out);
  listDataSet(file.dataset, '', out);
  return out;
}

function listDataSet(ds: DataSet, prefix: string, out: ElementTuple[]): void {
  for (const e of ds.elements) {
    const path = `${prefix}${tagKey(e.tag)}`;
    if (e.items) {
      // A UN of undefined length is read as a sequence (CP-246); Atrium keeps the VR UN
      // only to write the same bytes back, the other readers list it as SQ.
      out.push({ path, vr: 'SQ', length: e.undefinedLength ? 'u/l' : String(encodedLength(e, ds)), value: '?' });
      e.items.forEach((item, i) => {
        const itemLength = item.undefinedLength ? 'u/l' : String(writeDataset(item.dataset, itemEncoding(e, ds)).length);
        out.push({ path: `${path}/${i + 1}`, vr: 'na', length: itemLength, value: '?' });
        listDataSet(item.dataset, `${path}/${i + 1}/`, out);
      });
    } else if (e.encapsulated) {
      out.push({ path, vr: e.vr, length: 'u/l', value: '?' });
      [e.encapsulated.offsetTable, ...e.encapsulated.fragments].forEach((f, i) => {
        out.push({ path: `${path}/${i + 1}`, vr: 'pi', length: String(f.length), value: '?' });
      });
    } else {
      out.push({ path, vr: e.vr, length: String(e.value.length), value: valueOf(e, ds) });
    }
  }
}

function itemEncoding(e: DataElement, ds: DataSet): DataSet['encoding'] {
  return e.itemsImplicit ? { explicitVR: false, littleEndian: true } : ds.encoding;
}

/** Length of a defined-length sequence as encoded: the items with their headers. */
function encodedLength(e: DataElement, ds: DataSet): number {
  let n = 0;
  for (const item of e.items ?? []) {
    n += 8 + writeDataset(item.dataset, itemEncoding(e, ds)).length;
    if (item.undefinedLength) n += 8;
  }
  return n;
}

function valueOf(e: DataElement, ds: DataSet): string {
  if (isStringVr(e.vr)) return normaliseValues(decodeElementStrings(e, ds.encoding, ds.characterSet), e.vr);
  if (INTEGER_VRS.has(e.vr)) return decodeElementStrings(e, ds.encoding, ds.characterSet).join('\\');
  return '?';
}

/**
 * DCMTK's view of each file, from one `dcmdump -q +F -dc -Un +L -M` run (UIDs as numbers,
 * long values such as Pixel Data not loaded). dcmdump prints values in their raw
 * character set, so values with bytes outside printable ASCII (or ISO 2022 escapes) are
 * not compared (`?`). `extraArgs` go before the files (e.g. `['-f', '-ti']` to read bare
 * datasets in a given encoding).
 */
export function listDcmdump(paths: readonly string[], extraArgs: readonly string[] = []): ElementTuple[][] {
  const text = runPeer('dcmdump', ['-q', '+F', '-dc', '-Un', '+L', '-M', ...extraArgs, ...paths]);
  const parts = text.split(/^# dcmdump \(\d+\/\d+\): .*$/m).slice(1);
  if (parts.length !== paths.length) throw new Error(`dcmdump listed ${parts.length} of ${paths.length} files`);
  return parts.map(parseDcmdump);
}

const DCMDUMP_LINE = /^( *)\(([0-9a-f]{4}),([0-9a-f]{4})\) (\S\S) (.*?) *# *(u\/l|\d+), *\d+ [^\n]*$/s;
/** DCMTK's internal VRs: `??` unknown (implicit VR, not in its dictionary), `up` a UL offset pointer. */
const DCMTK_VRS: Readonly<Record<string, string>> = { '??': 'UN', up: 'UL' };
const RECORD_START = /^ *\([0-9a-f]{4},[0-9a-f]{4}\) /;

/**
 * Parse dcmdump's indented listing into tuples (delimitation items are dropped). A value
 * with line breaks (LT, UT ...) spans several lines: they are joined back. dcmdump's VR
 * `??` (implicit VR, not in its dictionary) is listed as `UN`, the VR the other readers
 * give such an element.
 */
export function parseDcmdump(text: string): ElementTuple[] {
  const records: string[] = [];
  let open: string | undefined;
  for (const line of text.split('\n')) {
    if (open !== undefined) {
      open = `${open}\n${line}`;
    } else if (RECORD_START.test(line)) {
      open = line;
    } else {
      continue;
    }
    if (DCMDUMP_LINE.test(open)) {
      records.push(open);
      open = undefined;
    }
  }
  if (open !== undefined) throw new Error(`dcmdump listing ends inside an element: ${open.slice(0, 200)}`);
  const out: ElementTuple[] = [];
  // stack[d] = path of the element / item open at indentation depth d.
  const stack: string[] = [];
  const itemCount = new Map<string, number>();
  for (const record of records) {
    const [, indent = '', g = '', el = '', rawVr = '', shown = '', length = ''] = DCMDUMP_LINE.exec(record) ?? [];
    const vr = DCMTK_VRS[rawVr] ?? rawVr;
    const depth = indent.length / 2;
    if (g === 'fffe') {
      if (el !== 'e000') continue;
      const seq = stack[depth - 1] ?? '?';
      const n = (itemCount.get(seq) ?? 0) + 1;
      itemCount.set(seq, n);
      const path = `${seq}/${n}`;
      stack[depth] = path;
      out.push({ path, vr, length, value: '?' });
      continue;
    }
    const path = `${depth === 0 ? '' : `${stack[depth - 1] ?? '?'}/`}${g},${el}`;
    stack[depth] = path;
    out.push({ path, vr, length, value: dcmdumpValue(vr, shown) });
  }
  return out;
}

function dcmdumpValue(vr: string, shown: string): string {
  if (shown.startsWith('(no value available)')) return isStringVr(vr) || INTEGER_VRS.has(vr) ? '' : '?';
  if (shown.startsWith('(not loaded)') || shown.startsWith('(Sequence') || shown.startsWith('(PixelSequence')) return '?';
  if (isStringVr(vr)) {
    if (/[^\x20-\x7e\n\r]/.test(shown)) return '?';
    const m = /^\[(.*)\]$/s.exec(shown);
    const single = vr === 'LT' || vr === 'ST' || vr === 'UT' || vr === 'UR';
    return m ? normaliseValues(single ? [m[1] ?? ''] : (m[1] ?? '').split('\\'), vr) : '?';
  }
  if (INTEGER_VRS.has(vr)) return shown;
  return '?';
}

/**
 * pydicom's view of each file, read in one interpreter. Raw elements are converted with
 * pydicom's own dictionary and character set handling.
 */
export function listPydicom(paths: readonly string[]): ElementTuple[][] {
  const json = runPydicom(PYDICOM_LISTING, paths);
  return JSON.parse(json) as ElementTuple[][];
}

const PYDICOM_LISTING = String.raw`
import sys, json, warnings
warnings.simplefilter('ignore')
import pydicom
pydicom.config.replace_un_with_known_vr = False
from pydicom.dataelem import RawDataElement
from pydicom.multival import MultiValue
STRING_VRS = {'AE','AS','CS','DA','DS','DT','IS','LO','LT','PN','SH','ST','TM','UC','UI','UR','UT'}
SINGLE = {'LT','ST','UT','UR'}
INTEGER_VRS = {'US','SS','UL','SL'}
def norm(values, vr):
    out = [str(v).lstrip(' \0').rstrip(' \0') for v in values]
    if vr == 'PN':
        out = [v.rstrip('=') for v in out]
    return '\\'.join(out)
def tagkey(t):
    return '%04x,%04x' % (t.group, t.element)
def walk(ds, prefix, out):
    for tag in ds.keys():
        raw = ds.get_item(tag)
        el = ds[tag]
        path = prefix + tagkey(tag)
        if el.VR == 'SQ':
            out.append({'path': path, 'vr': 'SQ', 'length': 'u/l' if el.is_undefined_length else '?', 'value': '?'})
            for i, item in enumerate(el.value, 1):
                undef = getattr(item, 'is_undefined_length_sequence_item', False)
                out.append({'path': path + '/' + str(i), 'vr': 'na', 'length': 'u/l' if undef else '?', 'value': '?'})
                walk(item, path + '/' + str(i) + '/', out)
            continue
        if isinstance(raw, RawDataElement):
            length = raw.length
        elif el.is_empty:
            length = 0
        else:
            length = None
        if length is None:
            length = '?'
        elif length == 0xFFFFFFFF:
            length = 'u/l'
        else:
            length = str(length)
        v = el.value
        if el.VR in STRING_VRS:
            if v is None or v == '':
                value = ''
            elif el.VR in SINGLE:
                value = norm([v], el.VR)
            elif isinstance(v, (MultiValue, list)):
                value = norm(v, el.VR)
            else:
                value = norm([v], el.VR)
        elif el.VR in INTEGER_VRS:
            if v is None or v == b'':
                value = ''
            elif isinstance(v, (MultiValue, list)):
                value = '\\'.join(str(int(x)) for x in v)
            else:
                value = str(int(v))
        else:
            value = '?'
        out.append({'path': path, 'vr': el.VR, 'length': length, 'value': value})
result = []
for p in sys.argv[1:]:
    ds = pydicom.dcmread(p, force=True)
    out = []
    meta = getattr(ds, 'file_meta', None)
    if meta is not None:
        walk(meta, '', out)
    walk(ds, '', out)
    result.append(out)
print(json.dumps(result))
`;

/** Whether two tuples agree; `?` on either side (not reported by that reader) matches anything. */
export function tuplesAgree(a: ElementTuple, b: ElementTuple): boolean {
  const field = (x: string, y: string): boolean => x === y || x === '?' || y === '?';
  return a.path === b.path && a.vr === b.vr && field(a.length, b.length) && field(a.value, b.value);
}

/**
 * The differences between two listings, one line per tuple that does not agree (empty
 * when they agree). Lines are `#i A: <tuple> | B: <tuple>`, at most `limit` of them.
 */
export function diffListings(a: readonly ElementTuple[], b: readonly ElementTuple[], limit = 20): string[] {
  const show = (t: ElementTuple | undefined): string => (t ? `${t.path} ${t.vr} ${t.length} ${JSON.stringify(t.value)}` : '(none)');
  const out: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length) && out.length < limit; i++) {
    const x = a[i];
    const y = b[i];
    if (!x || !y || !tuplesAgree(x, y)) out.push(`#${i} A: ${show(x)} | B: ${show(y)}`);
  }
  return out;
}

/** How many tuples of a listing carry a value that is compared (not `?`). */
export function comparedValues(list: readonly ElementTuple[]): number {
  return list.filter((t) => t.value !== '?').length;
}
