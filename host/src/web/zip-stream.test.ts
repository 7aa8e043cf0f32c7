import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seededBytes } from '../../../test/support/seeded-random.js';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir.js';
import { zipStream, type ZipEntry } from './zip-stream.js';

const dir = makeTempDir('atrium-zip-');
afterAll(() => removeTempDir(dir));

async function zipOf(entries: ZipEntry[]): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const c of zipStream(entries)) chunks.push(c);
  return Buffer.concat(chunks);
}

const entry = (name: string, bytes: Uint8Array, chunk = 1000): ZipEntry => ({
  name, size: bytes.length,
  async *chunks() {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  },
});

describe('zipStream', () => {
  it('writes an archive that Python\'s zipfile reads back byte for byte, with CRCs checked', async () => {
    const files = { 'a/b/1.dcm': seededBytes(1, 5000), 'a/b/2.dcm': new Uint8Array(0), 'é/ü.dcm': seededBytes(2, 123_457) };
    const zip = await zipOf(Object.entries(files).map(([n, b]) => entry(n, b, 777)));
    const path = join(dir, 'x.zip');
    writeFileSync(path, zip);
    const script = 'import sys, zipfile, json, hashlib\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint(json.dumps({i.filename: hashlib.sha256(z.read(i)).hexdigest() for i in z.infolist()}))';
    const listed = JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf8' })) as Record<string, string>;
    const { createHash } = await import('node:crypto');
    expect(listed).toEqual(Object.fromEntries(Object.entries(files).map(([n, b]) => [n, createHash('sha256').update(b).digest('hex')])));
  });

  it('switches to Zip64 records past 65 535 entries', async () => {
    const many = Array.from({ length: 65_540 }, (_, i) => entry(`${i}`, Uint8Array.of(i & 0xff)));
    const zip = await zipOf(many);
    const path = join(dir, 'many.zip');
    writeFileSync(path, zip);
    const count = execFileSync('python3', ['-c', 'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nassert z.read("65539") == bytes([65539 & 255])\nprint(len(z.infolist()))', path], { encoding: 'utf8' });
    expect(Number(count)).toBe(65_540);
  });
});
