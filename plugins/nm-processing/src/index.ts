/**
 * Atrium plugin `atrium.nm-processing`: nuclear medicine processing after the Canon GCA-9300R —
 * SPECT reconstruction (`nm-recon`), gated SPECT (`nm-gated`) and the renogram (`nm-renogram`),
 * written against `@atrium/sdk` only. The manifest is the `atrium` field of package.json; this
 * module is its `main`.
 */
import { definePlugin } from '@atrium/sdk';
import { nmGatedApp } from './apps/nm-gated-app.js';
import { nmReconApp } from './apps/nm-recon-app.js';
import { nmRenogramApp } from './apps/nm-renogram-app.js';
import { nmErrors } from './nm-errors.js';

export default definePlugin({ apps: [nmReconApp, nmGatedApp, nmRenogramApp], errors: nmErrors });
export { nmGatedApp, nmReconApp, nmRenogramApp };
