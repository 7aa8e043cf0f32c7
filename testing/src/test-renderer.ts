import type { SceneRenderer } from '@atrium/sdk';
import { ChromiumRenderService } from '@atrium/host/engine';

/** The workstation's 3-D renderer for kit runs ({@link testRenderer}); dispose it when the tests are done. */
export interface TestRenderer extends SceneRenderer {
  /** Close the browser (if it started). */
  dispose(): Promise<void>;
}

/**
 * The workstation's own 3-D render service — vtk.js on WebGL2 in one headless Chromium, launched on
 * the first scene and reused by the later ones — as the `ctx.render` of kit runs
 * (`kit.run(app, series, params, { render })`). Chromium is found as the workstation finds it
 * (`$ATRIUM_CHROMIUM`, else chromium / chromium-browser / google-chrome on the PATH); without it
 * the first scene rejects with `ATRIUM_ERR_RENDER_BROWSER_MISSING`, saying how to install it.
 *
 * @example
 * ```ts
 * const renderer = testRenderer();
 * afterAll(() => renderer.dispose());
 * const run = await kit.run('render-3d', series, { preset: 'bone' }, { render: renderer });
 * ```
 */
export function testRenderer(options: { readonly executablePath?: string } = {}): TestRenderer {
  const service = new ChromiumRenderService(options.executablePath === undefined ? {} : { executablePath: options.executablePath });
  const renderer: TestRenderer = { scene: (scene) => service.render(scene), dispose: () => service.dispose() };
  return Object.freeze(renderer);
}
