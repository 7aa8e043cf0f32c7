/**
 * Atrium plugin `atrium.calcium-scoring`: coronary calcium scoring after GE SmartScore 4.0, written
 * against `@atrium/sdk` only. The manifest is the `atrium` field of package.json; this
 * module is its `main`.
 */
import { definePlugin } from '@atrium/sdk';
import { calciumErrors } from './calcium-errors.js';
import { calciumScoringApp } from './calcium-scoring-app.js';

export default definePlugin({ apps: [calciumScoringApp], errors: calciumErrors });
export { calciumScoringApp };
