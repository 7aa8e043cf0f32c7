import { readFile } from 'node:fs/promises';
import type { StoredInstance } from '../../db/dicom-index.js';
import { openImageFile, type ImageFile } from '../../io/image-file.js';
import { parseDicom, type DicomFile } from '../../io/parse-part10.js';
import { readDicomHeader } from '../../io/read-dicom-header.js';
import { webError } from '../web-error.js';
import type { WebServices } from '../web-services.js';

/** What went wrong reading a stored file: it is the store's problem (`atrium reconcile --full`), said so. */
function unreadable(instance: StoredInstance, e: unknown): Error {
  return webError('ATRIUM_ERR_WEB_STORED_UNREADABLE', `the stored file of instance ${instance.instance.SOPInstanceUID} cannot be read (${(e as Error).message}); \`atrium reconcile --full\` checks the store`, { SOPInstanceUID: instance.instance.SOPInstanceUID, path: instance.file.path });
}

/** A stored instance, parsed whole (for frames, bulk data and rendering). */
export async function readStored(services: WebServices, instance: StoredInstance): Promise<DicomFile> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(services.workstation.files.absolute(instance.file.path)));
  } catch (e) {
    throw unreadable(instance, e);
  }
  try {
    return parseDicom(bytes);
  } catch (e) {
    throw unreadable(instance, e);
  }
}

/** A stored instance's header, parsed up to Pixel Data (for metadata). */
export function readStoredHeader(services: WebServices, instance: StoredInstance): DicomFile {
  try {
    return readDicomHeader(services.workstation.files.absolute(instance.file.path));
  } catch (e) {
    throw unreadable(instance, e);
  }
}

/** A stored image opened for frame access: its header parsed, each frame read by its byte range when asked. Close it. */
function openStoredImage(services: WebServices, instance: StoredInstance): ImageFile {
  try {
    return openImageFile(services.workstation.files.absolute(instance.file.path), services.workstation.store.limits);
  } catch (e) {
    throw unreadable(instance, e);
  }
}

/** Run `body` on a stored image opened for frame access, closing it afterwards. */
export async function withStoredImage<T>(services: WebServices, instance: StoredInstance, body: (image: ImageFile) => Promise<T>): Promise<T> {
  const image = openStoredImage(services, instance);
  try {
    return await body(image);
  } finally {
    image.close();
  }
}
