import { canonicalJson } from './canonical-json.js';
import { DEFAULT_UID_ROOT, deriveUid } from './derive-uid.js';

/** What the UIDs of a derived object are a function of. */
export interface DerivedUidInput {
  readonly uidRoot?: string;
  readonly sourceSeriesInstanceUID: string;
  readonly app: { readonly pluginId: string; readonly appId: string; readonly version: string };
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly outputName: string;
  /** SOP Instance UIDs of the sources of this object, in request order. */
  readonly sourceSopInstanceUIDs: readonly string[];
  /** 0-based position of the object in its output series. */
  readonly index: number;
}

/**
 * The deterministic UIDs of a derived object (root default `2.25.`):
 * - Series Instance UID from (source series UID, plugin id, app id, app version, canonical
 *   JSON of the parameters, output name): one derived series per input series, app version,
 *   parameter set and output;
 * - SOP Instance UID from (that series UID, the source SOP Instance UIDs, the index).
 * Re-running an app on the same input with the same parameters gives the same UIDs.
 */
export function derivedUids(input: DerivedUidInput): { seriesInstanceUID: string; sopInstanceUID: string } {
  const root = input.uidRoot ?? DEFAULT_UID_ROOT;
  const { pluginId, appId, version } = input.app;
  const seriesInstanceUID = deriveUid(root, ['series', input.sourceSeriesInstanceUID, pluginId, appId, version, canonicalJson(input.parameters), input.outputName]);
  const sopInstanceUID = deriveUid(root, ['instance', seriesInstanceUID, ...input.sourceSopInstanceUIDs, String(input.index)]);
  return { seriesInstanceUID, sopInstanceUID };
}
