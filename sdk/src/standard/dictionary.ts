import { DICTIONARY_TABLE } from './dictionary.generated.js';

/** One attribute of the DICOM data dictionary (PS3.6 Table 6-1). */
export interface DictionaryEntry {
  /**
   * group << 16 | element, unsigned. For a repeating-group entry returned by {@link lookupTag}
   * this is the tag that was looked up; from {@link lookupKeyword} it is the pattern with the
   * repeating digits zero (e.g. OverlayData → 0x60003000).
   */
  readonly tag: number;
  /** Keyword exactly as the standard spells it; '' for the few retired entries without one. */
  readonly keyword: string;
  /** First VR of {@link vrs}; 'UN' when the standard gives no VR (items, delimiters, unnamed retired entries). */
  readonly vr: string;
  /** Every VR the standard allows, e.g. ['US', 'SS'] for "US or SS"; empty when it gives none. */
  readonly vrs: readonly string[];
  /** Value multiplicity as written in the standard, e.g. '1', '1-n', '2-2n'. */
  readonly vm: string;
  /** Attribute name, e.g. 'Patient's Name'. */
  readonly name: string;
  /** True when the standard lists the attribute as retired. */
  readonly retired: boolean;
}

/** Entries whose tag contains repeating digits, grouped by the mask of their fixed digits. */
interface MaskTable {
  readonly mask: number;
  /** True when the group digits repeat (50xx, 60xx, 7Fxx): only even groups xx00–xx1E qualify. */
  readonly groupRepeats: boolean;
  readonly byValue: Map<number, DictionaryEntry>;
}

interface Tables {
  readonly entries: readonly DictionaryEntry[];
  readonly byTag: Map<number, DictionaryEntry>;
  readonly byKeyword: Map<string, DictionaryEntry>;
  readonly masks: readonly MaskTable[];
}

let tables: Tables | undefined;

function parseTable(): Tables {
  const entries: DictionaryEntry[] = [];
  const byTag = new Map<number, DictionaryEntry>();
  const byKeyword = new Map<string, DictionaryEntry>();
  const masks = new Map<number, MaskTable>();
  for (const line of DICTIONARY_TABLE.split('\n')) {
    const [tagText = '', keyword = '', vrText = '', vm = '', name = '', retired = ''] = line.split('\t');
    const vrs = vrText === '' ? [] : vrText.split('|');
    const entry: DictionaryEntry = {
      tag: parseInt(tagText.replace(/X/g, '0'), 16) >>> 0,
      keyword,
      vr: vrs[0] ?? 'UN',
      vrs,
      vm,
      name,
      retired: retired === 'R',
    };
    entries.push(entry);
    if (keyword !== '') byKeyword.set(keyword, entry);
    if (tagText.includes('X')) {
      const mask = parseInt(tagText.replace(/[0-9A-F]/g, 'F').replace(/X/g, '0'), 16) >>> 0;
      let table = masks.get(mask);
      if (table === undefined) {
        table = { mask, groupRepeats: tagText.slice(0, 4).includes('X'), byValue: new Map() };
        masks.set(mask, table);
      }
      table.byValue.set(entry.tag, entry);
    } else {
      byTag.set(entry.tag, entry);
    }
  }
  return { entries, byTag, byKeyword, masks: [...masks.values()] };
}

function getTables(): Tables {
  tables ??= parseTable();
  return tables;
}

function lookupMasked(t: Tables, tag: number): DictionaryEntry | undefined {
  const group = tag >>> 16;
  for (const table of t.masks) {
    if (table.groupRepeats && (group & 0xff) > 0x1e) continue;
    const base = table.byValue.get((tag & table.mask) >>> 0);
    if (base !== undefined) return { ...base, tag };
  }
  return undefined;
}

/**
 * The data-dictionary entry of a tag (group << 16 | element).
 * Handles repeating groups (e.g. (6002,3000) → OverlayData), group length tags (gggg,0000) →
 * UL GenericGroupLength, and private creator elements (odd group, element 0010–00FF) → LO
 * PrivateCreator. Returns undefined for other private tags and for tags the standard does not define.
 * Fast (one Map lookup for standard tags); the table is parsed on first use.
 */
export function lookupTag(tag: number): DictionaryEntry | undefined {
  const t = tables ?? getTables();
  const found = t.byTag.get(tag);
  if (found !== undefined) return found;
  const u = tag >>> 0;
  if (u !== tag) return lookupTag(u);
  const element = u & 0xffff;
  if (element === 0) {
    return { tag: u, keyword: 'GenericGroupLength', vr: 'UL', vrs: ['UL'], vm: '1', name: 'Generic Group Length', retired: false };
  }
  if ((u & 0x10000) !== 0) {
    if (element >= 0x0010 && element <= 0x00ff) {
      return { tag: u, keyword: 'PrivateCreator', vr: 'LO', vrs: ['LO'], vm: '1', name: 'Private Creator', retired: false };
    }
    return undefined;
  }
  return lookupMasked(t, u);
}

/** The data-dictionary entry of a keyword (e.g. 'PatientName'), or undefined if the standard has none. */
export function lookupKeyword(keyword: string): DictionaryEntry | undefined {
  return getTables().byKeyword.get(keyword);
}

/** Every entry of the data dictionary (2025), sorted by tag; repeating-group entries have their repeating digits zero. */
export function dictionaryEntries(): readonly DictionaryEntry[] {
  return getTables().entries;
}

/** A tag as the standard writes it, upper-case hex: 0x00080018 → '(0008,0018)'. */
export function tagToString(tag: number): string {
  const u = tag >>> 0;
  const group = (u >>> 16).toString(16).toUpperCase().padStart(4, '0');
  const element = (u & 0xffff).toString(16).toUpperCase().padStart(4, '0');
  return `(${group},${element})`;
}
