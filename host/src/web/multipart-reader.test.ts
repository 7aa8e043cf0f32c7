import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir.js';
import { seededBytes } from '../../../test/support/seeded-random.js';
import { spoolMultipart, type SpooledPart } from './multipart-reader.js';
import { multipartBody } from './test-support/multipart.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeTempDir));
const dir = (): string => {
  const d = makeTempDir('atrium-spool-');
  dirs.push(d);
  return d;
};

/** The body cut into chunks of the given sizes (cycled), as a request stream would deliver it. */
async function* chunked(body: Buffer, sizes: readonly number[]): AsyncGenerator<Buffer> {
  for (let at = 0, i = 0; at < body.length; i++) {
    const n = sizes[i % sizes.length]!;
    yield body.subarray(at, at + n);
    at += n;
  }
}

const contents = (parts: readonly SpooledPart[]): Buffer[] => parts.map((p) => readFileSync(p.path));

describe('spoolMultipart', () => {
  // Part bodies that hold CRLFs, dashes and prefixes of the delimiter, to trip a naive search (never the whole of it: RFC 2046 §5.1.1).
  const bodies = [
    Buffer.from('\r\n--test-boundary-012345678\r\n--test-boundary-01234\r\n-'),
    Buffer.alloc(0),
    Buffer.from(seededBytes(42, 70_000)),
    Buffer.from('--\r\n\r\n'),
  ];
  const { body } = multipartBody(bodies.map((b, i) => ({ contentType: i === 1 ? undefined : 'application/dicom', body: b })));

  it.each([[[1]], [[2, 3, 5, 7]], [[13]], [[64 * 1024]], [[body.length]], [[26, 1, 4096]]])('gives every part exactly, whatever the chunks (%j)', async (sizes) => {
    const parts = await spoolMultipart(chunked(body, sizes), 'test-boundary-0123456789', dir());
    expect(contents(parts)).toEqual(bodies);
    expect(parts.map((p) => p.headers['content-type'])).toEqual(['application/dicom', undefined, 'application/dicom', 'application/dicom']);
    expect(parts.every((p) => !p.incomplete)).toBe(true);
  });

  it('keeps a preamble and an epilogue out, hands each part over as it completes', async () => {
    const seen: number[] = [];
    const framed = Buffer.concat([Buffer.from('preamble text\r\n'), body, Buffer.from('epilogue')]);
    const parts = await spoolMultipart(chunked(framed, [100]), 'test-boundary-0123456789', dir(), {}, (p) => void seen.push(p.size));
    expect(contents(parts)).toEqual(bodies);
    expect(seen).toEqual(bodies.map((b) => b.length));
  });

  it('a body cut inside a part: the complete ones, and the cut one marked incomplete', async () => {
    const cut = body.subarray(0, body.length - 1000); // inside the third part
    const parts = await spoolMultipart(chunked(cut, [4096]), 'test-boundary-0123456789', dir());
    expect(parts.map((p) => p.incomplete)).toEqual([false, false, true]);
    expect(contents(parts)[2]).toEqual(bodies[2]!.subarray(0, parts[2]!.size));
  });

  it('refuses a body without its boundary, endless headers and too many parts, removing what it wrote', async () => {
    const d = dir();
    await expect(spoolMultipart(chunked(Buffer.from('no boundary here at all'), [5]), 'b', d)).rejects.toMatchObject({ code: 'ATRIUM_ERR_WEB_BAD_MULTIPART' });
    const endless = Buffer.concat([Buffer.from('--b\r\n'), Buffer.alloc(40_000, 0x41)]);
    await expect(spoolMultipart(chunked(endless, [1000]), 'b', d)).rejects.toMatchObject({ code: 'ATRIUM_ERR_WEB_BAD_MULTIPART', message: expect.stringMatching(/headers of part 1 are longer/) });
    await expect(spoolMultipart(chunked(body, [1000]), 'test-boundary-0123456789', d, { maxParts: 2 })).rejects.toMatchObject({ message: 'more than 2 parts' });
    expect(readdirSync(d)).toEqual([]);
  });
});
