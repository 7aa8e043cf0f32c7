import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { peer } from './peers.js';
import { makeTempDir, removeTempDir } from './temp-dir.js';

/** Debian's chromium, the browser of the interop tier (`npm run peers` installs it). */
export function chromiumPath(): string | undefined {
  const path = peer('chromium');
  return path && existsSync(path) ? path : undefined;
}

/**
 * Headless Chromium with WebGL2 on SwiftShader (no GPU here), a fresh profile and no network
 * chatter; a 1366×768 window, the smallest screen the workstation is meant for.
 */
export async function launchBrowser(executablePath: string, viewport = { width: 1366, height: 768 }): Promise<{ context: BrowserContext; page: Page; close(): Promise<void> }> {
  const profile = makeTempDir('atrium-chromium-');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport,
    args: [
      '--headless',
      '--no-sandbox',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-gpu-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      removeTempDir(profile);
    },
  };
}

/** Where browser tests leave their screenshots (not in the repository): `$ATRIUM_ARTIFACTS` or the temp folder. */
export function screenshotFolder(suite: string): string {
  const dir = join(process.env.ATRIUM_ARTIFACTS ?? join(tmpdir(), 'atrium-artifacts'), suite);
  mkdirSync(dir, { recursive: true });
  return dir;
}
