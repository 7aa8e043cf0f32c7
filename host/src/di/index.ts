/** Host wiring (inversify, host only): one ContainerModule per subsystem. */
export { Container, ContainerModule } from './inversify.js';
export { HostConfig } from './host-config.js';
export { hostModule } from './host-module.js';
export { storeModule, Workstation, Index, InstanceStore, FileStore } from './store-module.js';
export { pluginsModule } from './plugins-module.js';
export { jobsModule } from './jobs-module.js';
export { deriveModule } from './derive-module.js';
export { renderModule, RenderService } from './render-module.js';
export { webModule, WebServices } from './web-module.js';
export { createHostContainer, disposeHostContainer, type HostContainerOptions } from './create-host-container.js';
