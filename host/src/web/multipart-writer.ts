import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

/** One part of a multipart answer: its Content-Type and its body (bytes, or chunks read as the answer is sent). */
export interface OutgoingPart {
  readonly contentType: string;
  readonly location?: string;
  readonly body: () => Uint8Array | Promise<Uint8Array> | AsyncIterable<Uint8Array>;
}

/** A fresh boundary (RFC 2046 §5.1.1: at most 70 characters, none of them in the parts with any chance). */
export function newBoundary(): string {
  return `atrium-${randomBytes(16).toString('hex')}`;
}

/**
 * A `multipart/related` body (RFC 2387) as a stream: each part's body is produced only when
 * the previous one has been sent, so a study of any size is served with one file's chunk
 * in memory. Each part carries its Content-Type (with `transfer-syntax=` where it applies).
 */
export function multipartStream(parts: Iterable<OutgoingPart> | AsyncIterable<OutgoingPart>, boundary: string): Readable {
  async function* generate(): AsyncGenerator<Uint8Array> {
    for await (const part of parts) {
      yield Buffer.from(`--${boundary}\r\nContent-Type: ${part.contentType}\r\n${part.location ? `Content-Location: ${part.location}\r\n` : ''}\r\n`, 'latin1');
      const body = await part.body();
      if (body instanceof Uint8Array) yield body;
      else for await (const chunk of body) yield chunk;
      yield Buffer.from('\r\n');
    }
    yield Buffer.from(`--${boundary}--\r\n`);
  }
  return Readable.from(generate(), { objectMode: false });
}
