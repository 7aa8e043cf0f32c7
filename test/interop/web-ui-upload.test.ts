import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { calciumPhantomSeries } from '../../plugins/calcium-scoring/src/test-support/calcium-phantom.js';
import { chromiumPath, launchBrowser, screenshotFolder } from '../support/browser.js';
import { readSample, REPO_ROOT } from '../support/samples.js';
import { makeTempDir, removeTempDir } from '../support/temp-dir.js';
import { startAtriumWeb, type WebProcess } from '../support/web-process.js';
import { openWorkstation, screenshot } from '../support/web-ui-page.js';

/**
 * Import by drag and drop in Chromium: files dropped on the page go through the server's
 * receive path; a good file is stored and appears in the browser, a damaged one is refused and
 * the page shows the server's reason and code, and the Quarantine tab lists it.
 */
const chromium = chromiumPath();
const bundle = join(REPO_ROOT, 'host/dist-ui/index.html');

/** Drop files on the page as a user drags them from the desktop (a DataTransfer holding Files). */
async function dropFiles(page: Page, files: { name: string; bytes: Uint8Array }[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, b64: Buffer.from(f.bytes).toString('base64') }));
  const dt = await page.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const f of list) {
      const bin = atob(f.b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      transfer.items.add(new File([bytes], f.name, { type: 'application/dicom' }));
    }
    return transfer;
  }, payload);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: dt });
  await page.dispatchEvent('body', 'dragover', { dataTransfer: dt });
  await page.dispatchEvent('body', 'drop', { dataTransfer: dt });
}

describe.skipIf(!chromium)('web UI: upload by drag and drop (Chromium)', () => {
  let root: string;
  let web: WebProcess;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  const shots = screenshotFolder('web-ui');

  beforeAll(async () => {
    if (!existsSync(bundle)) throw new Error('the UI bundle host/dist-ui/index.html is missing: `npm run build` builds it');
    root = makeTempDir('atrium-web-ui-upload-');
    web = await startAtriumWeb(join(root, 'store'));
    browser = await launchBrowser(chromium!);
    page = browser.page;
    await openWorkstation(page, web.url);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    if (root) removeTempDir(root);
  });

  it('stores a dropped file and refuses a damaged one with the reason shown', async () => {
    const good = readSample('mr/MR_small.dcm');
    const slice = calciumPhantomSeries().files[0]!;
    const damaged = slice.subarray(0, slice.length - 5000); // Pixel Data cut short
    await dropFiles(page, [
      { name: 'MR_small.dcm', bytes: good },
      { name: 'cut-short.dcm', bytes: damaged },
    ]);
    const panel = page.locator('[data-test=upload-result][data-state=done]');
    await panel.waitFor({ timeout: 60_000 });
    const stored = panel.locator('[data-test=upload-item][data-status=stored]');
    const refused = panel.locator('[data-test=upload-item][data-status=rejected]');
    await expect.poll(() => stored.count()).toBe(1);
    await expect.poll(() => refused.count()).toBe(1);
    expect(await stored.innerText()).toContain('MR_small.dcm');
    const reason = await refused.locator('[data-test=upload-reason]').innerText();
    expect(reason).toMatch(/\[ATRIUM_ERR_[A-Z_]+\]$/);
    await screenshot(page, shots, '5-upload-refused');

    // The stored file is in the browser; the refused one in the quarantine list with the same reason.
    await page.fill('[data-test=search-form] input[name=name]', '');
    await page.click('[data-test=search-form] button[type=submit]');
    await expect.poll(() => page.locator('[data-test=study]').count()).toBe(1);
    await page.click('[data-tab=quarantine]');
    const item = page.locator('[data-test=quarantine-item]');
    await item.first().waitFor();
    expect(await item.count()).toBe(1);
    expect(reason).toContain((await item.locator('.code').innerText()).split(' · ')[0]);
    await screenshot(page, shots, '6-quarantine');
  });
});
