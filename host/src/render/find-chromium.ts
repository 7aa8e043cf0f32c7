import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { AtriumError } from '../errors/atrium-error.js';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** How to get a browser, for the error message. */
export const CHROMIUM_INSTALL_HINT =
  'install Chromium (Debian/Ubuntu: sudo apt-get install chromium; Fedora: sudo dnf install chromium) or set ATRIUM_CHROMIUM to the path of a Chromium or Chrome executable';

/**
 * The Chromium executable the render service launches: `$ATRIUM_CHROMIUM` when set (it must be an
 * executable file), else the first of chromium, chromium-browser, google-chrome(-stable) on the
 * PATH. Throws AtriumError ATRIUM_ERR_RENDER_BROWSER_MISSING saying how to install one.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const given = env.ATRIUM_CHROMIUM;
  if (given !== undefined && given !== '') {
    if (isExecutable(given)) return given;
    throw new AtriumError('ATRIUM_ERR_RENDER_BROWSER_MISSING', `3-D rendering needs Chromium: ATRIUM_CHROMIUM is ${given}, which is not an executable file; ${CHROMIUM_INSTALL_HINT}`, { path: given });
  }
  for (const dir of (env.PATH ?? '').split(delimiter).filter((d) => d !== '')) {
    for (const name of NAMES) {
      const path = join(dir, name);
      if (isExecutable(path)) return path;
    }
  }
  throw new AtriumError('ATRIUM_ERR_RENDER_BROWSER_MISSING', `3-D rendering needs Chromium, and none was found on the PATH (${NAMES.join(', ')}); ${CHROMIUM_INSTALL_HINT}`);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
