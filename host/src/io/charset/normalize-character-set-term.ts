import { CHARACTER_SET_TERMS } from './character-set-terms.js';

const IR_PATTERN = /^ISO[\s_-]*(2022)?[\s_-]*(?:IR)?[\s_-]*(\d+)$/;

/**
 * Maps one value of Specific Character Set (0008,0005) to the Defined Term it means,
 * tolerating the spellings found in the wild: case, surrounding blanks, `_`/`-`/missing
 * separators (`ISO-IR 100`, `ISO_IR100`, `ISO2022 IR 87`), `ISO_IR` for a term only
 * defined with code extensions (`ISO_IR 87` is `ISO 2022 IR 87`) and vice versa
 * (`ISO 2022 IR 192`), `ISO 2022 58`/`ISO 2022 GBK` (misprints of an old correction),
 * `UTF-8`, `GB 18030`, `GB2312`.
 *
 * @returns the Defined Term (one of `SUPPORTED_CHARACTER_SET_TERMS`), `''` for the default
 *   repertoire (an empty value or `ISO_IR 6`), or `undefined` when the value is unknown.
 */
export function normalizeCharacterSetTerm(term: string): string | undefined {
  const t = term.trim().toUpperCase();
  if (t === '') return '';
  if (CHARACTER_SET_TERMS.has(t)) return t;
  const compact = t.replace(/[\s_-]/g, '');
  switch (compact) {
    case 'UTF8':
    case 'UNICODE':
      return 'ISO_IR 192';
    case 'GB18030':
      return 'GB18030';
    case 'GBK':
    case 'ISO2022GBK':
      return 'GBK';
    case 'GB2312':
      return 'ISO 2022 IR 58';
  }
  const m = IR_PATTERN.exec(t);
  if (m === null) return undefined;
  const ir = String(Number(m[2]));
  const extensions = m[1] !== undefined;
  if (ir === '6') return extensions ? 'ISO 2022 IR 6' : '';
  const preferred = extensions ? `ISO 2022 IR ${ir}` : `ISO_IR ${ir}`;
  const other = extensions ? `ISO_IR ${ir}` : `ISO 2022 IR ${ir}`;
  if (CHARACTER_SET_TERMS.has(preferred)) return preferred;
  if (CHARACTER_SET_TERMS.has(other)) return other;
  return undefined;
}
