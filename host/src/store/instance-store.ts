import { serviceToken } from '../core/service-token.js';
import type { InstanceStoreImpl } from './instance-store-impl.js';

export type { InstanceStoreOptions, InstanceStoreSettings, ReceiveOptions, Received, StagedInstance } from './instance-store-impl.js';

/**
 * The one path that stores anything — import, C-STORE, derived objects — with its receive
 * validation, quarantine and events (see {@link InstanceStoreImpl}).
 */
export type InstanceStore = InstanceStoreImpl;
/** DI token of {@link InstanceStore}. */
export const InstanceStore = serviceToken<InstanceStore>('InstanceStore');
