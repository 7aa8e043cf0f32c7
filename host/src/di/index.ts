/** Host wiring (inversify, host only): one ContainerModule per subsystem; the tokens are declared beside their interfaces. */
export { Container, ContainerModule } from './inversify.js';
export { HostConfig } from './host-config.js';
export { hostModule } from './host-module.js';
export { dbModule } from './db-module.js';
export { storeModule } from './store-module.js';
export { jobsModule } from './jobs-module.js';
export { netModule } from './net-module.js';
export { pluginsModule } from './plugins-module.js';
export { appsModule } from './apps-module.js';
export { renderModule } from './render-module.js';
export { createHostContainer, disposeHostContainer, type HostContainerOptions } from './create-host-container.js';
