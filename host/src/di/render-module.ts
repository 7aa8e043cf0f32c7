import { ChromiumRenderService } from '../render/chromium-render-service.js';
import { RenderService } from '../render/render-service.js';
import { ContainerModule } from './inversify.js';

export { RenderService } from '../render/render-service.js';

/**
 * The 3-D render service: one headless Chromium per host (container), launched on the first
 * render and closed when the container is disposed.
 */
export const renderModule = new ContainerModule(({ bind }) => {
  bind<RenderService>(RenderService)
    .toDynamicValue(() => new ChromiumRenderService())
    .inSingletonScope()
    .onDeactivation((service) => service.dispose());
});
