/**
 * `@atrium/host/engine` — the host's app-run engine without the store and the index (no
 * SQLite, no network, no container): what the plugin authors' kit (`@atrium/testing`) runs in
 * process. The same code as `atrium run`: manifest checks, parameter validation, the input
 * selector and load specification, the mapping engine with its IOD validation, the receive
 * validation of the store, the source instances and their pixel decoding, and the 3-D render
 * service behind `ctx.render` (headless Chromium, started on the first scene).
 */
export { executeApp } from './apps/execute-app.js';
export type { AppRunHost } from './apps/app-run-host.js';
export type { AppWorkerResult as AppExecution, DerivedIdentity, WrittenObject } from './apps/app-worker-protocol.js';
export { SourceInstanceImpl } from './apps/source-instance-impl.js';
export { sourceSeriesOf } from './apps/source-series-of.js';
export { findStudySeries } from './apps/find-study-series.js';
export { dicomValueOf } from './apps/dicom-value-of.js';
export { bindApp, type BoundApp } from './plugins/bind-app.js';
export { pluginDefinitionOf } from './plugins/plugin-definition-of.js';
export { discoverPlugins } from './plugins/discover-plugins.js';
export { validateManifest } from './plugins/validate-manifest.js';
export { validateInstance } from './store/validate-instance.js';
export { ChromiumRenderService, type ChromiumRenderServiceOptions } from './render/chromium-render-service.js';
export type { DerivedObject } from './derive/derive-object.js';
export { elementFromValue } from './derive/value-element.js';
export { dicomDate, dicomDateTime, dicomTime } from './derive/generators/date-time-generators.js';
export { AtriumError, isAtriumError } from './errors/atrium-error.js';
export { DataSet } from './io/data-set.js';
export type { DataElement } from './io/data-element.js';
export { parseDicom, type DicomFile } from './io/parse-part10.js';
export { formatTag } from './io/parse-error.js';
export { bytesElement } from './io/element-factory.js';
export { writePart10 } from './io/write-part10.js';
export { EXPLICIT_LE, transferSyntaxInfo } from './io/transfer-syntax.js';
