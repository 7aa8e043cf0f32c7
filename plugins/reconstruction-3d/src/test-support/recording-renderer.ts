import type { RenderedImage, Scene, SceneRenderer } from '@atrium/sdk';

/** A renderer that records the scenes it is given (what the app asks the workstation to draw). */
export interface RecordingRenderer extends SceneRenderer {
  readonly scenes: readonly Scene[];
}

/**
 * A `ctx.render` for testing what an app asks of the renderer and what it writes from the images,
 * without a browser: it records each scene and answers one image per camera, a horizontal grey
 * ramp (left black, right white), so the written pixels can be traced. Drawing is tested against
 * the workstation's own render service in the interop tier.
 */
export function recordingRenderer(): RecordingRenderer {
  const scenes: Scene[] = [];
  return {
    scenes,
    async scene(scene: Scene): Promise<RenderedImage[]> {
      scenes.push(scene);
      const rgb = new Uint8Array(scene.width * scene.height * 3);
      for (let p = 0; p < scene.width * scene.height; p++) rgb.fill(Math.round((255 * (p % scene.width)) / (scene.width - 1)), 3 * p, 3 * p + 3);
      return scene.cameras.map(() => ({ width: scene.width, height: scene.height, rgb, renderMs: 0 }));
    },
  };
}
