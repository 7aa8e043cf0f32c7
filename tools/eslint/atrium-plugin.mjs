// The repository's own ESLint rules (`atrium/...`), used by eslint.config.js.
import { hostLayers } from './host-layers.mjs';
import { noRawTag } from './no-raw-tag.mjs';

/** The local plugin: `atrium/host-layers` (docs/DESIGN.md, Layers), `atrium/no-raw-tag` (the generated tables). */
export default { rules: { 'host-layers': hostLayers, 'no-raw-tag': noRawTag } };
