import type { StoredInstance } from '../db/dicom-index.js';

/** Whether a stored instance is an image (has Rows and Columns). */
export function isImage(i: StoredInstance): boolean {
  return i.instance.Rows !== undefined && i.instance.Columns !== undefined;
}

/** Series number, series UID, instance number, SOP Instance UID: the order a viewer shows images in. */
export function byPosition(a: StoredInstance, b: StoredInstance): number {
  return (
    (Number(a.series.SeriesNumber) || 0) - (Number(b.series.SeriesNumber) || 0) ||
    a.series.SeriesInstanceUID.localeCompare(b.series.SeriesInstanceUID) ||
    (Number(a.instance.InstanceNumber) || 0) - (Number(b.instance.InstanceNumber) || 0) ||
    a.instance.SOPInstanceUID.localeCompare(b.instance.SOPInstanceUID)
  );
}
