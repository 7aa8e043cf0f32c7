import type { Vec3, VolumeGeometry, VoxelArray } from '../volume/volume.js';

/** A colour as red, green, blue from 0 to 1. */
export type Rgb = readonly [number, number, number];

/** One point of a transfer function: a modality value (e.g. HU) and the colour and opacity it takes. */
export interface TransferPoint {
  readonly value: number;
  readonly colour: Rgb;
  /** 0 (transparent) to 1 (opaque). */
  readonly opacity: number;
}

/** A volume in a scene: its grid in patient coordinates and how its values are seen. */
export interface SceneVolume {
  readonly grid: VolumeGeometry;
  /** Voxel (i, j, k) is `voxels[i + columns·(j + rows·k)]`, as in a {@link Volume}. */
  readonly voxels: VoxelArray;
  /**
   * `composite`: colours and opacities accumulated along each ray (volume rendering);
   * `maximum` / `minimum` / `average`: intensity projections through the colour map.
   */
  readonly blend: 'composite' | 'maximum' | 'minimum' | 'average';
  /** Colour and opacity by value, points in increasing value order (at least two). */
  readonly transfer: readonly TransferPoint[];
  /** Gradient lighting (composite only). */
  readonly shade?: boolean;
}

/** A triangle mesh in patient coordinates (mm). */
export interface SceneSurface {
  /** x, y, z of each vertex. */
  readonly positions: Float32Array;
  /** Three vertex indices per triangle, counter-clockwise seen from outside. */
  readonly triangles: Uint32Array;
  readonly colour: Rgb;
  /** 0 to 1; default 1. */
  readonly opacity?: number;
}

/** A parallel-projection camera in patient coordinates. */
export interface SceneCamera {
  /** The point looked at (mm). */
  readonly focalPoint: Vec3;
  /** Where the camera stands (mm): the view direction is focalPoint − position. */
  readonly position: Vec3;
  /** The image's up direction (perpendicular to the view direction). */
  readonly viewUp: Vec3;
  /** Half the height of the image, in mm at the focal point (zoom: smaller is closer). */
  readonly parallelScale: number;
}

/** What to render: a volume, surfaces or both, seen by one or more cameras, optionally clipped to a box. */
export interface Scene {
  /** Image size in pixels (16–2048 each way). */
  readonly width: number;
  readonly height: number;
  /** Default black. */
  readonly background?: Rgb;
  readonly volume?: SceneVolume;
  readonly surfaces?: readonly SceneSurface[];
  /** One image per camera, in this order (the scene's arrays reach the renderer once). */
  readonly cameras: readonly SceneCamera[];
  /** Only what lies inside this patient-axis-aligned box is drawn (mm). */
  readonly clipBox?: { readonly min: Vec3; readonly max: Vec3 };
}

/** A rendered image. */
export interface RenderedImage {
  readonly width: number;
  readonly height: number;
  /** Red, green, blue bytes per pixel, row by row from the top left. */
  readonly rgb: Uint8Array;
  /** Time the renderer took for this image (ms), browser start excluded. */
  readonly renderMs: number;
}

/**
 * The host's 3-D renderer as apps see it (`ctx.render`): WebGL2 rendering (vtk.js in the host's
 * headless Chromium, started on first use and shared by the host's runs). Throws SdkError-shaped
 * errors with codes `ATRIUM_ERR_RENDER_BROWSER_MISSING` (no Chromium; the message says how to
 * install it), `ATRIUM_ERR_RENDER_SCENE` (a scene that cannot be drawn: sizes, arrays, transfer
 * function) and `ATRIUM_ERR_RENDER_FAILED` (the browser or WebGL failed).
 */
export interface SceneRenderer {
  /** Render a scene to RGB pixels, one image per camera. */
  scene(scene: Scene): Promise<RenderedImage[]>;
}
