import { readFileSync } from 'node:fs';
import type { Container } from '../../di/inversify.js';
import { createHostContainer, disposeHostContainer } from '../../di/create-host-container.js';
import { LogSink, MemoryLogSink } from '../../core/log-sink.js';
import { makeTempDir, removeTempDir } from '../../../../test/support/temp-dir.js';
import { samplePath } from '../../../../test/support/samples.js';
import { createWebServer, type WebServer, type WebServerOptions } from '../web-server.js';
import { WEB_USES, webServices, type WebServices, type WebUses } from '../web-services.js';

/** A web server over a fresh store holding the given samples (paths under `samples/`), for `inject` tests. */
export interface WebFixture {
  readonly server: WebServer;
  readonly services: WebServices;
  readonly container: Container;
  readonly storeRoot: string;
  /** Server faults logged (with stacks); a test of bad input expects none. */
  readonly faults: string[];
  close(): Promise<void>;
}

export async function webFixture(samples: readonly string[] = [], options: WebServerOptions = {}): Promise<WebFixture> {
  const storeRoot = makeTempDir('atrium-web-');
  const container = createHostContainer({ storeRoot });
  container.rebindSync<LogSink>(LogSink).toConstantValue(new MemoryLogSink());
  const use = Object.fromEntries(Object.entries(WEB_USES).map(([name, token]) => [name, () => container.getAsync(token)])) as unknown as WebUses;
  const services = await webServices(use);
  for (const s of samples) services.workstation.store.receive(new Uint8Array(readFileSync(samplePath(s))), `test: ${s}`);
  const faults: string[] = [];
  const noUi = makeTempDir('atrium-no-ui-');
  const server = await createWebServer(services, { port: 0, uiFolder: noUi, log: (l) => faults.push(l), ...options });
  return {
    server, services, container, storeRoot, faults,
    async close() {
      await server.close();
      await services.runner.stop();
      await disposeHostContainer(container);
      removeTempDir(storeRoot);
      removeTempDir(noUi);
    },
  };
}
