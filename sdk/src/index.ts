/**
 * @atrium/sdk — the one typed API Atrium plugins import.
 *
 * - Plugins: {@link definePlugin}, {@link defineApp}, the manifest ({@link PluginManifest}: the one
 *   source of each app's title, input series selector and outputs) and its JSON Schema
 *   ({@link PLUGIN_MANIFEST_SCHEMA}).
 * - Apps: load specifications (Mandatory / Used / Ignored), parameter schemas, a mapping table
 *   (Copied / Generated / Removed) per output, built from per-module fragments ({@link patientMapping} …).
 * - The run context: source series (datasets, frames, geometry), `derive` (and `derive.deidentify`, PS3.15), progress, log,
 *   cancellation, plugin-scoped storage, and `render` (the host's 3-D renderer: {@link SceneRenderer}).
 * - The DICOM standard tables generated from the standard: dictionary, tags, UIDs, IODs,
 *   and the PS3.15 Table E.1-1 de-identification rules.
 * - Pure helpers: {@link seriesGeometry}, {@link validateParameters}, and for rendering:
 *   a 5×7 bitmap font with text layout ({@link plotText}) and the linear VOI window ({@link windowToGrey}).
 * - Volumes: {@link volumeFromSeries} / {@link volumeFromMultiFrame} (voxels in modality units,
 *   spacing, origin, direction cosines, Frame of Reference), {@link volumeTransform} (index ↔
 *   patient), {@link resampleVolume} (nearest, trilinear).
 * - Structured reports: {@link buildSrDocument} (a validated Comprehensive / Enhanced SR content
 *   tree as derived-object content) with {@link srDocumentMapping}.
 */
export { SDK_VERSION } from './sdk-version.js';
export { SdkError } from './sdk-error.js';
export * from './errors/index.js';
export type { DicomValue, DicomItem } from './app/dicom-value.js';
export type { SeriesSelector } from './app/series-selector.js';
export type { LoadRule, LoadSpec, LoadUsage } from './app/load-spec.js';
export { validateParameters, type ParameterSchema, type ParameterSpec, type ParameterValue, type Parameters } from './app/parameter-schema.js';
export { Copied, Generated, Removed, type GeneratorName, type MappingRule, type MappingTable } from './app/mapping-table.js';
export { OUTPUT_IODS, type AppOutput, type ManifestOutput, type OutputDefinition, type OutputIod } from './app/output-definition.js';
export {
  appEquipmentMapping, generalEquipmentMapping, generalSeriesMapping, generalStudyMapping, patientMapping, patientStudyMapping, scEquipmentMapping, sopCommonMapping,
} from './app/module-mappings.js';
export type { PrivateBlockDeclaration, PrivateElementDeclaration, PrivateVr } from './app/private-block.js';
export { defineApp, type AppDefinition, type AppResult } from './app/app-definition.js';
export type { AppContext, Logger, PluginStorage, SupersededObject } from './context/app-context.js';
export type { FrameData, SourceInstance, SourceSeries } from './context/source-series.js';
export type { DerivedObjectRef, DerivedObjectRequest, DerivedPixels, Deriver } from './context/deriver.js';
export type { RenderedImage, Rgb, Scene, SceneCamera, SceneRenderer, SceneSurface, SceneVolume, TransferPoint } from './context/scene-renderer.js';
export type { AppliedDeidAction, DeidentifyOutcome, DeidentifyReport, DeidentifyRequest, PixelRegion } from './context/deidentifier.js';
export { seriesGeometry, type GeometryIssue, type SeriesGeometry, type SlicePlane } from './geometry/series-geometry.js';
export { manifestProblems, type ActivationEvent, type Capability, type ManifestApp, type PluginManifest } from './plugin/plugin-manifest.js';
export { PLUGIN_MANIFEST_SCHEMA } from './plugin/plugin-manifest-schema.js';
export type { JsonSchema } from './plugin/json-schema-problems.js';
export type { Disposable } from './plugin/disposable.js';
export type { HostEvents, InstanceEvent, JobEvent, PluginContext } from './plugin/plugin-context.js';
export { definePlugin, type PluginDefinition } from './plugin/define-plugin.js';
export * from './render/index.js';
export * from './volume/index.js';
export * from './sr/index.js';
export * from './standard/index.js';
