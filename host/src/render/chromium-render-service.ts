import type { RenderedImage, Scene } from '@atrium/sdk';
import type { Browser, Page } from 'playwright-core';
import { AtriumError, isAtriumError } from '../errors/atrium-error.js';
import { checkScene } from './check-scene.js';
import { findChromium } from './find-chromium.js';
import type { RenderService } from './render-service.js';
import { scenePageScript } from './scene-page-bundle.js';

/** The page's origin: requests to it never leave the browser (the service answers them). */
const ORIGIN = 'http://atrium-render.invalid';

/** Chromium flags: headless, WebGL2 on the SwiftShader software renderer, nothing phoning home. */
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-gpu-sandbox',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
];

/** Options of {@link ChromiumRenderService}. */
export interface ChromiumRenderServiceOptions {
  /** The browser executable; default {@link findChromium}. */
  readonly executablePath?: string;
  /** Longest time one scene may take (ms); default 10 minutes. */
  readonly sceneTimeoutMs?: number;
}

interface PageArray { readonly id: string; readonly type: 'int16' | 'float32' | 'uint32' }
interface PageResult { readonly images: readonly { readonly rgba: string; readonly ms: number }[]; readonly webgl2: boolean }

/**
 * The render service on headless Chromium driven by playwright-core: the browser is launched on the
 * first render (with a fresh temporary profile), one page loads the bundled
 * vtk.js scene page, and scenes are drawn one after the other on that page. The scene's arrays go
 * to the page as binary responses to its own requests (never through JSON); the images come back
 * as RGBA and are returned as RGB.
 */
export class ChromiumRenderService implements RenderService {
  private browser: Promise<{ browser: Browser; page: Page }> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly arrays = new Map<string, Uint8Array>();
  private nextArray = 1;
  private launched = 0;

  constructor(private readonly options: ChromiumRenderServiceOptions = {}) {}

  get started(): boolean {
    return this.browser !== undefined;
  }

  /** How many times the browser was launched (once per host unless disposed in between). */
  get launches(): number {
    return this.launched;
  }

  async render(scene: Scene): Promise<RenderedImage[]> {
    checkScene(scene);
    const run = this.queue.then(() => this.draw(scene));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async dispose(): Promise<void> {
    const started = this.browser;
    this.browser = undefined;
    if (!started) return;
    const { browser } = await started.catch(() => ({ browser: undefined }));
    await browser?.close().catch(() => undefined);
  }

  private async draw(scene: Scene): Promise<RenderedImage[]> {
    const { page } = await this.start();
    const ids: string[] = [];
    const array = (data: Int16Array | Float32Array | Uint32Array): PageArray => {
      const id = String(this.nextArray++);
      ids.push(id);
      this.arrays.set(id, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      return { id, type: data instanceof Int16Array ? 'int16' : data instanceof Float32Array ? 'float32' : 'uint32' };
    };
    const v = scene.volume;
    const description = {
      width: scene.width,
      height: scene.height,
      background: scene.background ?? [0, 0, 0],
      cameras: scene.cameras,
      clipBox: scene.clipBox ?? null,
      volume: v ? { grid: v.grid, voxels: array(v.voxels), blend: v.blend, transfer: v.transfer, shade: v.shade === true, sampleDistance: Math.min(...v.grid.spacing) } : null,
      surfaces: (scene.surfaces ?? []).map((s) => ({ positions: array(s.positions), triangles: array(s.triangles), colour: s.colour, opacity: s.opacity ?? 1 })),
    };
    try {
      const result = await withTimeout(
        page.evaluate((d) => (window as unknown as { atriumRenderScene(d: unknown): Promise<PageResult> }).atriumRenderScene(d), description) as Promise<PageResult>,
        this.options.sceneTimeoutMs ?? 600_000,
      );
      if (!result.webgl2) throw new AtriumError('ATRIUM_ERR_RENDER_FAILED', 'the browser gave no WebGL2 context (Chromium needs --use-angle=swiftshader without a GPU)');
      return result.images.map((image) => ({ width: scene.width, height: scene.height, rgb: rgbOf(Buffer.from(image.rgba, 'base64')), renderMs: image.ms }));
    } catch (e) {
      if (isAtriumError(e)) throw e;
      throw new AtriumError('ATRIUM_ERR_RENDER_FAILED', `the render page failed: ${(e as Error).message.split('\n')[0]}`, {}, { cause: e });
    } finally {
      for (const id of ids) this.arrays.delete(id);
    }
  }

  private start(): Promise<{ browser: Browser; page: Page }> {
    this.browser ??= this.launch().catch((e: unknown) => {
      this.browser = undefined;
      throw e;
    });
    return this.browser;
  }

  private async launch(): Promise<{ browser: Browser; page: Page }> {
    const executablePath = this.options.executablePath ?? findChromium();
    const [script, { chromium }] = await Promise.all([scenePageScript(), import('playwright-core')]);
    let browser: Browser | undefined;
    try {
      // playwright-core gives each launch a fresh, temporary profile directory and removes it on close.
      browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
      this.launched++;
      const page = await browser.newPage();
      await page.route(`${ORIGIN}/**`, (route) => {
        const path = new URL(route.request().url()).pathname;
        if (path === '/') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><html><body style="margin:0"><script type="module" src="/scene-page.js"></script></body></html>' });
        if (path === '/scene-page.js') return route.fulfill({ contentType: 'text/javascript', body: script });
        const data = path.startsWith('/data/') ? this.arrays.get(path.slice(6)) : undefined;
        return data ? route.fulfill({ contentType: 'application/octet-stream', body: Buffer.from(data.buffer, data.byteOffset, data.byteLength) }) : route.fulfill({ status: 404 });
      });
      await page.goto(`${ORIGIN}/`);
      await page.waitForFunction(() => (window as unknown as { atriumRenderReady?: boolean }).atriumRenderReady === true, undefined, { timeout: 60_000 });
      return { browser, page };
    } catch (e) {
      await browser?.close().catch(() => undefined);
      throw new AtriumError('ATRIUM_ERR_RENDER_FAILED', `Chromium (${executablePath}) did not start the render page: ${(e as Error).message.split('\n')[0]}`, { executablePath }, { cause: e });
    }
  }
}

function rgbOf(rgba: Uint8Array): Uint8Array {
  const rgb = new Uint8Array((rgba.length / 4) * 3);
  for (let i = 0, o = 0; i < rgba.length; i += 4, o += 3) {
    rgb[o] = rgba[i]!;
    rgb[o + 1] = rgba[i + 1]!;
    rgb[o + 2] = rgba[i + 2]!;
  }
  return rgb;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AtriumError('ATRIUM_ERR_RENDER_FAILED', `a scene took more than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
