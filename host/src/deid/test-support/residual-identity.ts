import { deidRuleFor, type DeidOption } from '@atrium/sdk';
import type { DataSet } from '../../io/data-set.js';
import { isStringVr } from '../../io/vr.js';

/** One identifying value of an input: where it was and its raw bytes as stored. */
export interface IdentifyingValue {
  readonly path: string;
  readonly vr: string;
  readonly text: string;
  readonly bytes: Uint8Array;
}

const latin1 = new TextDecoder('latin1');
/**
 * Values too generic to be identity (the engine's own dummies; well-known UIDs). All-digit values
 * under 6 characters are left out too: they occur by chance in the 39 random digits of new UIDs.
 */
const GENERIC = /^(ANONYMOUS|ANONYMIZED|CLEANED|19000101|000000|19000101000000|000Y|0+|1\.2\.840\.10008\..*)$/;

/**
 * Independent of the engine's walk: every value (≥ 4 bytes) of every element at any depth whose
 * Table E.1-1 action under the selected options is not K (private elements included), split at
 * backslashes, padding removed, as raw bytes. String VRs and UN only (binary values are not text).
 */
export function identifyingValues(ds: DataSet, options: readonly DeidOption[] = [], prefix = ''): IdentifyingValue[] {
  const out: IdentifyingValue[] = [];
  const selected = new Set(options);
  for (const e of ds.elements) {
    const path = `${prefix}(${(e.tag >>> 16).toString(16).padStart(4, '0')},${(e.tag & 0xffff).toString(16).padStart(4, '0')})`;
    const rule = deidRuleFor(e.tag);
    const retained = rule !== undefined && [...selected].some((o) => rule.options[o] === 'K');
    const identifying = rule !== undefined && (rule.privateGroups || (rule.basic !== 'K' && !retained));
    if (e.items) {
      e.items.forEach((item, i) => out.push(...identifyingValues(item.dataset, options, `${path}[${i}]/`)));
      continue;
    }
    if (!identifying || !(isStringVr(e.vr) || e.vr === 'UN')) continue;
    let start = 0;
    for (let i = 0; i <= e.value.length; i++) {
      if (i < e.value.length && e.value[i] !== 0x5c) continue;
      let end = i;
      while (end > start && (e.value[end - 1] === 0x20 || e.value[end - 1] === 0)) end--;
      let s = start;
      while (s < end && e.value[s] === 0x20) s++;
      const bytes = e.value.subarray(s, end);
      const text = latin1.decode(bytes);
      if (bytes.length >= 4 && !GENERIC.test(text) && !/^[0-9]{1,5}$/.test(text)) out.push({ path, vr: e.vr, text, bytes });
      start = i + 1;
    }
  }
  return out;
}

/** Index of `needle` in `haystack`, or −1. */
export function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength).indexOf(Buffer.from(needle.buffer, needle.byteOffset, needle.byteLength));
}

/** Every value found in `output` (raw bytes of a whole written file). */
export function residualHits(values: readonly IdentifyingValue[], output: Uint8Array): IdentifyingValue[] {
  return values.filter((v) => indexOfBytes(output, v.bytes) >= 0);
}

/**
 * The raw values of the input's retained elements (no Table E.1-1 row, or Basic Profile K; pixel
 * data included): an identifying value that also occurs there (e.g. Institution Name = Manufacturer
 * 'TOSHIBA') cannot be told apart from legitimately kept data, so the scan leaves it out.
 */
export function retainedValueBytes(ds: DataSet): Uint8Array {
  const parts: Uint8Array[] = [];
  const walk = (d: DataSet): void => {
    for (const e of d.elements) {
      if (e.items) { for (const it of e.items) walk(it.dataset); continue; }
      const rule = deidRuleFor(e.tag);
      if (rule !== undefined && (rule.privateGroups || rule.basic !== 'K')) continue;
      parts.push(e.value, new Uint8Array([0xff]));
      for (const f of e.encapsulated?.fragments ?? []) parts.push(f, new Uint8Array([0xff]));
    }
  };
  walk(ds);
  return Buffer.concat(parts);
}
