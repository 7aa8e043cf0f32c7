import { serviceToken } from '../core/service-token.js';
import type { FileStoreImpl } from './file-store-impl.js';

/** Files under a data root: stored instances, quarantine, temp files (see {@link FileStoreImpl}). */
export type FileStore = FileStoreImpl;
/** DI token of {@link FileStore} (the store module binds it on the host's data root). */
export const FileStore = serviceToken<FileStore>('FileStore');
