/**
 * Atrium plugin `atrium.reconstruction-3d`: 3-D reconstruction after Shimadzu SCORE 3D — MPR,
 * rotating MIP, volume and surface rendering, surface export — written against `@atrium/sdk`
 * (vtk.js and itk-wasm are the plugin's own dependencies). The manifest is the `atrium` field of
 * package.json; this module is its `main`.
 */
import { definePlugin } from '@atrium/sdk';
import { mipApp } from './apps/mip/mip-app.js';
import { mprApp } from './apps/mpr/mpr-app.js';
import { render3dApp } from './apps/render3d/render3d-app.js';
import { surfaceApp } from './apps/surface/surface-app.js';
import { reconstructionErrors } from './reconstruction-errors.js';

export default definePlugin({ apps: [mprApp, mipApp, render3dApp, surfaceApp], errors: reconstructionErrors });
export { mipApp, mprApp, reconstructionErrors, render3dApp, surfaceApp };
