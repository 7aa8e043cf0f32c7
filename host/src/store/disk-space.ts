import type { FileStore } from './file-store.js';
import type { StoreOutcome } from './store-outcome.js';

/**
 * The refusal of an object of `size` bytes when storing it would leave less than
 * `minFreeBytes` free on the store's disk (`ATRIUM_ERR_STORE_DISK_FULL`, answered A700 to
 * a C-STORE): checked before any byte of it is written, so a full disk never holds half
 * an object. Undefined when there is room.
 */
export function diskFullRefusal(files: FileStore, size: number, minFreeBytes: number, SOPInstanceUID?: string): Extract<StoreOutcome, { code: unknown }> | undefined {
  const free = files.freeBytes();
  if (free >= size + minFreeBytes) return undefined;
  return {
    status: 'rejected',
    code: 'ATRIUM_ERR_STORE_DISK_FULL',
    reason: `disk space low: the object takes ${size} bytes, ${free} bytes are free and ${minFreeBytes} are kept free (minFreeBytes); nothing was written`,
    ...(SOPInstanceUID ? { SOPInstanceUID } : {}),
  };
}
