import { fileURLToPath } from 'node:url';
import { AtriumError } from '../errors/atrium-error.js';

let bundle: Promise<string> | undefined;

/** The render page's script: host/browser/scene-page.js (the same two levels up from src/render and dist/render). */
export const SCENE_PAGE_SOURCE = fileURLToPath(new URL('../../browser/scene-page.js', import.meta.url));

/**
 * The render page as one browser script: host/browser/scene-page.js and the vtk.js modules it
 * imports (single modules, never the barrels), bundled by esbuild on first use and kept for the
 * process (about a second, counted with the browser start). Throws AtriumError
 * ATRIUM_ERR_RENDER_FAILED when the page cannot be bundled.
 */
export function scenePageScript(): Promise<string> {
  bundle ??= (async () => {
    try {
      const { build } = await import('esbuild');
      const out = await build({ entryPoints: [SCENE_PAGE_SOURCE], bundle: true, write: false, format: 'esm', minify: true, target: 'chrome110', logLevel: 'silent' });
      return out.outputFiles[0]!.text;
    } catch (e) {
      bundle = undefined;
      throw new AtriumError('ATRIUM_ERR_RENDER_FAILED', `the render page (${SCENE_PAGE_SOURCE}) cannot be bundled: ${(e as Error).message}`, {}, { cause: e });
    }
  })();
  return bundle;
}
