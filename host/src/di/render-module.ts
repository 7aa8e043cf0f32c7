import { RenderService } from '../render/render-service.js';
import { ContainerModule } from './inversify.js';

/**
 * The 3-D render service: one headless Chromium per host (container), launched on the first
 * render and closed when the container is disposed. Its code (and playwright-core) is loaded
 * when the service is first resolved.
 */
export const renderModule = new ContainerModule(({ bind }) => {
  bind(RenderService)
    .toResolvedValue(async (): Promise<RenderService> => new (await import('../render/chromium-render-service.js')).ChromiumRenderService(), [])
    .inSingletonScope()
    .onDeactivation((service) => service.dispose());
});
