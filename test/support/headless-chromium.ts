import { chromium, type Browser } from 'playwright-core';
import { peer } from './peers.js';

/** Flags for Debian's Chromium in tests: headless, no sandbox (root in CI), nothing that reaches the network by itself. */
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Debian's `chromium` binary, or undefined outside CI when it is missing (under CI=true: a failure). */
export function chromiumBinary(): string | undefined {
  return peer('chromium');
}

/** Launch Debian's Chromium through playwright-core, with a fresh profile (playwright makes a temp user-data-dir per launch). */
export function launchChromium(): Promise<Browser> {
  const executablePath = chromiumBinary();
  if (!executablePath) throw new Error('launchChromium: peer tool "chromium" is missing');
  return chromium.launch({ executablePath, args: ARGS, headless: true, timeout: 60_000 });
}
