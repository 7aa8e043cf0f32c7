import type { Classification } from '../db/dicom-index.js';
import type { Refusal } from './prepare-instance.js';
import type { InstanceIdentity } from './validation/check-identity.js';

/**
 * The refusal the index check before a rename makes, if any: a Series Instance UID held
 * by another study, or a store path the index holds for another instance (never replaced).
 */
export function classificationRefusal(decision: Classification, id: InstanceIdentity, path: string): Refusal | undefined {
  const { StudyInstanceUID, SeriesInstanceUID, SOPInstanceUID } = id;
  if (decision.action === 'quarantine-duplicate-series') {
    const held = decision.existing.StudyInstanceUID;
    return {
      code: 'ATRIUM_ERR_INDEX_DUPLICATE_SERIES',
      reason: `Series Instance UID ${SeriesInstanceUID} is already stored in study ${held}; this instance belongs to study ${StudyInstanceUID} (Canon GCA-9300R conformance statement §4.1.3.3.3: kept aside for administrative clean-up)`,
      details: { SeriesInstanceUID, StudyInstanceUID, heldByStudy: held },
      SOPInstanceUID,
    };
  }
  if (decision.action === 'path-in-use') {
    return {
      code: 'ATRIUM_ERR_INDEX_PATH_IN_USE',
      reason: `${path} is indexed for instance ${decision.existing.SOPInstanceUID} of series ${decision.existing.SeriesInstanceUID}; it is not replaced by another instance`,
      details: { path, heldBy: decision.existing },
      SOPInstanceUID,
    };
  }
  return undefined;
}
