/**
 * Names of the value generators the derivation engine provides (see the host's
 * `derive/generators`). Each computes an attribute of a derived object:
 * - `SOPInstanceUID`, `SeriesInstanceUID` — deterministic UIDs from (source UIDs, app id,
 *   app version, parameters, output, index) under the configured root (default `2.25.`)
 * - `SeriesNumber` — next free series number in the study
 * - `InstanceNumber` — 1, 2, ... in the order the app writes the objects
 * - `SeriesDate`/`SeriesTime`, `ContentDate`/`ContentTime`, `InstanceCreationDate`/`InstanceCreationTime` — now
 * - `StationName`, `OperatorsName` — host name / user running the app
 * - `ImageType` — DERIVED\SECONDARY (plus the app's value 3 if it gives one)
 * - `ConversionType` — WSD (workstation) for Secondary Capture
 * - `SecondaryCaptureDeviceManufacturer`, `SecondaryCaptureDeviceManufacturerModelName`,
 *   `SecondaryCaptureDeviceSoftwareVersions` — from the plugin manifest
 * - `BurnedInAnnotation` — YES when the app draws text into the pixels, else NO
 * - `DerivationDescription`, `DerivationCodeSequence` — from the output definition
 * - `SourceImageSequence`, `ReferencedSeriesSequence` — the source images / series
 * - `ContributingEquipmentSequence` — the app (name, version) as a processing contributor
 * - `SeriesDescription` — the output's description
 * - `EncapsulatedDocumentLength` — the length in bytes of the app's `EncapsulatedDocument` content,
 *   without the padding to an even length (PS3.3 C.24.2)
 * - `Empty` — present with no value (for Type 2 attributes the app cannot know)
 */
export type GeneratorName =
  | 'SOPInstanceUID'
  | 'SeriesInstanceUID'
  | 'SeriesNumber'
  | 'InstanceNumber'
  | 'SeriesDate'
  | 'SeriesTime'
  | 'ContentDate'
  | 'ContentTime'
  | 'InstanceCreationDate'
  | 'InstanceCreationTime'
  | 'StationName'
  | 'OperatorsName'
  | 'ImageType'
  | 'ConversionType'
  | 'SecondaryCaptureDeviceManufacturer'
  | 'SecondaryCaptureDeviceManufacturerModelName'
  | 'SecondaryCaptureDeviceSoftwareVersions'
  | 'BurnedInAnnotation'
  | 'DerivationDescription'
  | 'DerivationCodeSequence'
  | 'SourceImageSequence'
  | 'ReferencedSeriesSequence'
  | 'ContributingEquipmentSequence'
  | 'SeriesDescription'
  | 'EncapsulatedDocumentLength'
  | 'Empty';

/**
 * What happens to one attribute of a derived object (GE SmartScore conformance §1.9):
 * - `Copied`: taken from the source. 1:1 — from the matching source image; N:1 — only if
 *   the value is the same on every source; otherwise absent, or regenerated from the app's
 *   content when the load specification marks the attribute `Used`.
 * - `Generated`: computed by a named generator (or supplied by the app as content).
 * - `Removed`: absent from the derived object.
 */
export type MappingRule =
  | { readonly action: 'Copied' }
  | { readonly action: 'Generated'; readonly generator: GeneratorName | 'Content' }
  | { readonly action: 'Removed' };

/**
 * Mapping table of one output: attribute keyword → rule. Attributes of the output IOD
 * that are not listed are `Copied` when the source has them; attributes that are neither
 * listed nor in the output IOD are dropped (an allow-list: never copy-all).
 */
export type MappingTable = Readonly<Record<string, MappingRule>>;

/** `Copied` (see {@link MappingRule}). */
export const Copied: MappingRule = Object.freeze({ action: 'Copied' });
/** `Removed` (see {@link MappingRule}). */
export const Removed: MappingRule = Object.freeze({ action: 'Removed' });
/** `Generated` by a named generator, or `'Content'`: the value the app writes. */
export function Generated(generator: GeneratorName | 'Content'): MappingRule {
  return Object.freeze({ action: 'Generated', generator });
}
