/** A media type with its parameters (RFC 9110 §8.3.1): `multipart/related; type="application/dicom"`. */
export interface MediaType {
  /** `type/subtype`, lower case. */
  readonly type: string;
  /** Parameter names lower case; values unquoted. */
  readonly params: Readonly<Record<string, string>>;
  /** Accept only: the quality (`q`), default 1. */
  readonly q: number;
}

/** Split on `sep` outside double quotes. */
function splitOutsideQuotes(text: string, sep: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' && text[i - 1] !== '\\') quoted = !quoted;
    if (c === sep && !quoted) {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out;
}

/** Parse one media type (`Content-Type`, or one entry of `Accept`). */
export function parseMediaType(text: string): MediaType {
  const [head = '', ...rest] = splitOutsideQuotes(text, ';');
  const params: Record<string, string> = {};
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    const name = p.slice(0, eq).trim().toLowerCase();
    let value = p.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1).replace(/\\(.)/g, '$1');
    params[name] = value;
  }
  const q = params.q !== undefined ? Number(params.q) : 1;
  return { type: head.trim().toLowerCase(), params, q: Number.isFinite(q) ? q : 1 };
}

/** The entries of an `Accept` header, best first (absent or empty: `*\/*`). */
export function parseAccept(header: string | string[] | undefined): MediaType[] {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  const entries = splitOutsideQuotes(text, ',').map((s) => s.trim()).filter(Boolean).map(parseMediaType);
  const list = entries.length > 0 ? entries : [parseMediaType('*/*')];
  return list.filter((m) => m.q > 0).sort((a, b) => b.q - a.q);
}

/** True when `offered` (`type/subtype`) is matched by an Accept entry's type (with `*` wildcards). */
export function typeMatches(accepted: string, offered: string): boolean {
  if (accepted === '*/*' || accepted === offered) return true;
  const [a, b] = accepted.split('/');
  return b === '*' && offered.startsWith(`${a}/`);
}
