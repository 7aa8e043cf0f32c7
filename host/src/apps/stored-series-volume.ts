import { readFileSync } from 'node:fs';
import { volumeFromSeries, type Volume, type VolumeOptions } from '@atrium/sdk';
import { findUid } from '../db/resolve-uid.js';
import { AtriumError } from '../errors/atrium-error.js';
import { parseDicom } from '../io/parse-part10.js';
import type { Index } from '../db/dicom-index.js';
import type { FileStore } from '../store/file-store.js';
import { SourceInstanceImpl } from './source-instance-impl.js';
import { sourceSeriesOf } from './source-series-of.js';

/**
 * The volume of a stored series, as apps get it (`volumeFromSeries` on the sorted series: classic
 * stacks, Enhanced CT / MR). Throws AtriumError ATRIUM_ERR_EXPORT_INPUT when the UID is not a
 * stored series (a study or an instance is named as such), and the SDK's
 * ATRIUM_ERR_VOLUME_* errors when the series is not one regular volume.
 */
export async function storedSeriesVolume(workstation: { readonly index: Index; readonly files: FileStore }, seriesInstanceUID: string, options: VolumeOptions = {}): Promise<Volume> {
  const found = findUid(workstation.index, seriesInstanceUID);
  if (!found) throw new AtriumError('ATRIUM_ERR_EXPORT_INPUT', `no stored series has the UID ${seriesInstanceUID}`, { uid: seriesInstanceUID });
  if (found.level !== 'SERIES') throw new AtriumError('ATRIUM_ERR_EXPORT_INPUT', `${seriesInstanceUID} is ${found.level === 'STUDY' ? 'a study' : 'an instance'}; a volume is exported from one series`, { uid: seriesInstanceUID });
  const instances = found.instances.map((i) => new SourceInstanceImpl(parseDicom(readFileSync(workstation.files.absolute(i.file.path)))));
  return volumeFromSeries(sourceSeriesOf(instances), options);
}
