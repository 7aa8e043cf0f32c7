import type { RenderedImage, Scene } from '@atrium/sdk';
import { serviceToken } from '../core/service-token.js';

/**
 * The host's 3-D render service: WebGL2 rendering of volumes and surfaces with vtk.js in one
 * headless Chromium per host process, started on the first render, reused by every later one and
 * closed with the host ({@link dispose}). Apps reach it only through the SDK (`ctx.render`).
 */
export interface RenderService {
  /** Render a scene once per camera. Calls are served one after the other. */
  render(scene: Scene): Promise<RenderedImage[]>;
  /** Whether the browser is running. */
  readonly started: boolean;
  /** Close the browser (if started); later renders start it again. */
  dispose(): Promise<void>;
}

/** DI token of {@link RenderService}. */
export const RenderService = serviceToken<RenderService>('RenderService');
