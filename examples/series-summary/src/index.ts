/**
 * Example third-party Atrium plugin `example.series-summary`: written against `@atrium/sdk`
 * only. The manifest is the `atrium` field of package.json; this module is its `main`.
 */
import { definePlugin } from '@atrium/sdk';
import { seriesSummaryApp } from './series-summary-app.js';

export default definePlugin({ apps: [seriesSummaryApp] });
