import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectInputs, type DicomdirSeen } from './collect-inputs.js';
import { dicomdirFiles } from './dicomdir-files.js';

describe('collectInputs', () => {
  it('expands a DICOMDIR into the 31 files it references', () => {
    const files = dicomdirFiles('samples/dicomdir/DICOMDIR');
    expect(files.length).toBe(31);
    expect(files).toContain(join('samples/dicomdir', '77654033', 'CR1', '6154'));
    expect(collectInputs(['samples/dicomdir/DICOMDIR']).every((i) => !('error' in i))).toBe(true);
  });

  it('walks folders recursively, skips DICOMDIR files and lists each file once', () => {
    const inputs = collectInputs(['samples/dicomdir', 'samples/dicomdir/77654033/CR1/6154']);
    expect(inputs.length).toBe(31);
    expect(inputs.some((i) => i.path.endsWith('DICOMDIR'))).toBe(false);
  });

  it('reports missing paths and missing DICOMDIR references instead of dropping them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atrium-dicomdir-'));
    try {
      cpSync('samples/dicomdir', dir, { recursive: true });
      rmSync(join(dir, '77654033', 'CR1', '6154'));
      const inputs = collectInputs([join(dir, 'DICOMDIR'), 'no/such/path']);
      const errors = inputs.filter((i) => 'error' in i);
      expect(errors.map((e) => e.path)).toEqual([join(dir, '77654033', 'CR1', '6154'), resolve('no/such/path')]);
      expect(inputs.length - errors.length).toBe(30);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a file called DICOMDIR that is not a Media Storage Directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atrium-dicomdir-'));
    try {
      cpSync('samples/mr/MR_small.dcm', join(dir, 'DICOMDIR'));
      const [input] = collectInputs([join(dir, 'DICOMDIR')]);
      expect(input && 'error' in input ? input.error : '').toContain('is not a DICOMDIR');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports FIFOs and symbolic link loops met in a folder or named, goes on walking, and tells every DICOMDIR', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atrium-collect-'));
    try {
      copyFileSync('samples/mr/MR_small.dcm', join(dir, 'a.dcm'));
      execFileSync('mkfifo', [join(dir, 'pipe')]);
      symlinkSync(join(dir, 'loop'), join(dir, 'loop'));
      const seen: DicomdirSeen[] = [];
      const inputs = collectInputs([dir, join(dir, 'loop'), 'samples/dicomdir/DICOMDIR', 'samples/dicomdir/77654033'], (d) => seen.push(d));
      expect(inputs.filter((i) => 'error' in i)).toEqual([
        { path: join(dir, 'loop'), error: 'is a symbolic link loop' },
        { path: join(dir, 'pipe'), error: 'is a FIFO (named pipe), not a file' },
        { path: join(dir, 'loop'), error: 'is a symbolic link loop' },
      ]);
      expect(inputs.filter((i) => !('error' in i))).toHaveLength(1 + 31);
      expect(seen).toEqual([{ path: resolve('samples/dicomdir/DICOMDIR'), files: 31 }]);
      expect(collectInputs(['samples/dicomdir'], (d) => seen.push(d))).toHaveLength(31);
      expect(seen.at(-1)).toEqual({ path: resolve('samples/dicomdir/DICOMDIR') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
