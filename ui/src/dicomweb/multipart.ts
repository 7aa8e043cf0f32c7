/** One part of a multipart/related body: its headers (lower-case names) and bytes. */
export interface Part {
  headers: Record<string, string>;
  body: Uint8Array;
}

/** The boundary parameter of a multipart Content-Type, quoted or not (RFC 2046 §5.1.1). */
export function boundaryOf(contentType: string): string | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : undefined;
}

function indexOf(hay: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i <= hay.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Split a multipart/related body (PS3.18 §8.6.1.2) into its parts. */
export function parseMultipart(body: Uint8Array, contentType: string): Part[] {
  const boundary = boundaryOf(contentType);
  if (!boundary) return [{ headers: { 'content-type': contentType }, body }];
  const enc = new TextEncoder();
  const delimiter = enc.encode(`--${boundary}`);
  const parts: Part[] = [];
  let at = indexOf(body, delimiter, 0);
  while (at >= 0) {
    let start = at + delimiter.length;
    if (body[start] === 0x2d && body[start + 1] === 0x2d) break; // closing delimiter
    if (body[start] === 0x0d && body[start + 1] === 0x0a) start += 2;
    const headerEnd = indexOf(body, enc.encode('\r\n\r\n'), start);
    if (headerEnd < 0) break;
    const headers: Record<string, string> = {};
    for (const line of new TextDecoder().decode(body.subarray(start, headerEnd)).split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const next = indexOf(body, enc.encode(`\r\n--${boundary}`), headerEnd + 4);
    const end = next < 0 ? body.length : next;
    parts.push({ headers, body: body.subarray(headerEnd + 4, end) });
    at = next < 0 ? -1 : next + 2;
  }
  return parts;
}
