import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test/support/temp-dir.js';
import { findChromium } from './find-chromium.js';

describe('findChromium', () => {
  const tmp = useTempDir('atrium-chromium-');
  const code = (f: () => unknown): { code?: string; message: string } => {
    try {
      f();
      return { message: '' };
    } catch (e) {
      return e as { code?: string; message: string };
    }
  };

  it('takes ATRIUM_CHROMIUM, else the first chromium, chromium-browser, google-chrome on the PATH', () => {
    const bin = join(tmp(), 'bin');
    mkdirSync(bin, { recursive: true });
    const fake = join(bin, 'chromium-browser');
    writeFileSync(fake, '#!/bin/sh\n');
    chmodSync(fake, 0o755);
    expect(findChromium({ PATH: `/nonexistent:${bin}` })).toBe(fake);
    expect(findChromium({ PATH: '', ATRIUM_CHROMIUM: fake })).toBe(fake);
  });

  it('says how to install Chromium when there is none, or when ATRIUM_CHROMIUM names no executable', () => {
    const none = code(() => findChromium({ PATH: '/nonexistent' }));
    expect(none.code).toBe('ATRIUM_ERR_RENDER_BROWSER_MISSING');
    expect(none.message).toContain('sudo apt-get install chromium');
    const notExecutable = join(tmp(), 'not-executable');
    writeFileSync(notExecutable, 'x');
    const bad = code(() => findChromium({ PATH: '', ATRIUM_CHROMIUM: notExecutable }));
    expect(bad.code).toBe('ATRIUM_ERR_RENDER_BROWSER_MISSING');
    expect(bad.message).toContain('not an executable file');
  });
});
