import { ContainerModule } from './inversify.js';

/**
 * Slot for the derivation engine (issue 3, deliverable 4). `host/src/derive` defines its
 * service interface + a `Symbol` token of the same name + an `...Impl`, built from
 * `InstanceStore`, `Index` and `HostHooks` (it calls `hooks.beforeDerivedStore` before
 * storing); bind them here. Loaded by `createHostContainer`; binds nothing yet.
 */
export const deriveModule = new ContainerModule(() => {
  // intentionally empty until host/src/derive lands
});
