import type { Classification } from '../db/dicom-index.js';
import type { InstanceIdentity } from './validation/check-identity.js';

/**
 * The series of objects placed in the store but not yet indexed (a C-STORE answered
 * before indexing, several associations or an import in flight at once): the index check
 * of the next object sees them too, so that a Series Instance UID arriving in two studies
 * at once is refused as a duplicate series as it would be one after the other.
 */
export class PlacingSeries {
  private readonly series = new Map<string, { study: string; count: number }>();

  /** The duplicate-series decision for `id` against objects placed and not yet indexed, if it clashes. */
  check(id: InstanceIdentity): Classification | undefined {
    const held = this.series.get(id.SeriesInstanceUID);
    if (!held || held.study === id.StudyInstanceUID) return undefined;
    return { action: 'quarantine-duplicate-series', existing: { SeriesInstanceUID: id.SeriesInstanceUID, StudyInstanceUID: held.study } };
  }

  /** Hold `id`'s series for its study until the returned release (once indexed, or given up) is called. */
  hold(id: InstanceIdentity): () => void {
    const held = this.series.get(id.SeriesInstanceUID) ?? { study: id.StudyInstanceUID, count: 0 };
    held.count++;
    this.series.set(id.SeriesInstanceUID, held);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--held.count === 0) this.series.delete(id.SeriesInstanceUID);
    };
  }
}
