import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** Open the workstation and wait until it says it is ready (cornerstone up, first search done). */
export async function openWorkstation(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('#app[data-ready=true]', { timeout: 60_000 });
}

/** Search by patient name, expand the first study found and return its series rows' locator. */
export async function searchStudy(page: Page, patientName: string) {
  await page.fill('[data-test=search-form] input[name=name]', patientName);
  await page.click('[data-test=search-form] button[type=submit]');
  const study = page.locator('[data-test=study]').first();
  await study.waitFor();
  await study.click();
  return page.locator('[data-test=series]');
}

/** Click a series and wait until its first image is on screen; the time from the click, in ms. */
export async function openSeriesRow(page: Page, seriesUid: string): Promise<number> {
  const t0 = Date.now();
  await page.click(`[data-test=series][data-uid="${seriesUid}"] .series-open`);
  await page.waitForSelector(`.viewport-element[data-viewport=stack-0][data-series="${seriesUid}"][data-state=shown]`, { timeout: 60_000 });
  return Date.now() - t0;
}

/** The viewer state the tests read: image index, window "center,width", current series. */
export async function viewportState(page: Page): Promise<{ index: number; window: string; series: string }> {
  return page.$eval('.viewport-element[data-viewport=stack-0]', (el) => {
    const d = (el as HTMLElement).dataset;
    return { index: Number(d.index), window: d.window ?? '', series: d.series ?? '' };
  });
}

/** Where a patient position (mm) is on the page, as the viewer maps it (to aim a click like a user aiming at a lesion). */
export async function pagePointOf(page: Page, at: readonly number[]): Promise<{ x: number; y: number }> {
  return page.evaluate((p) => {
    const pane = (window as unknown as { atrium: { viewer: { panes: { viewport: { worldToCanvas(w: number[]): number[] }; element: HTMLElement }[] } } }).atrium.viewer.panes[0]!;
    const c = pane.viewport.worldToCanvas(p);
    const r = pane.element.getBoundingClientRect();
    return { x: r.left + c[0]!, y: r.top + c[1]! };
  }, [...at]);
}

/** Scroll the viewer with the keyboard (↓ / ↑) to an image index. */
export async function scrollTo(page: Page, index: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const now = (await viewportState(page)).index;
    if (now === index) return;
    await page.keyboard.press(now < index ? 'ArrowDown' : 'ArrowUp');
    await page.waitForFunction((n) => document.querySelector<HTMLElement>('.viewport-element[data-viewport=stack-0]')?.dataset.index !== String(n), now, { timeout: 10_000 });
  }
  throw new Error(`could not scroll to image ${index}`);
}

export async function screenshot(page: Page, folder: string, name: string): Promise<string> {
  const path = join(folder, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
