/**
 * Atrium plugin `atrium.deidentify`: PS3.15 Annex E de-identification as an app, on the host's
 * engine (`ctx.derive.deidentify`). The manifest is the `atrium` field of package.json.
 */
import { definePlugin } from '@atrium/sdk';
import { deidentifyApp } from './deidentify-app.js';

export default definePlugin({ apps: [deidentifyApp] });
