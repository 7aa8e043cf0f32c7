import { parseArgs } from 'node:util';
import { Workstation } from '../../di/store-module.js';
import { loadNetworkConfig, parseNetworkSetting, RemoteAeTable, type NetworkConfig } from '../../net/config/index.js';
import { hexStatus } from '../../net/dimse/dimse-status.js';
import { scuSettings } from '../../net/jobs/net-jobs.js';
import { describeCallerPolicy } from '../../net/scp/caller-policy.js';
import { DicomServer, type ServerEvent } from '../../net/scp/dicom-server.js';
import { echoService } from '../../net/services/echo-service.js';
import { findService } from '../../net/services/find-service.js';
import { retrieveService } from '../../net/services/retrieve-service.js';
import { storeService, storeStatus } from '../../net/services/store-service.js';
import type { Command } from '../cli-context.js';
import { withHost } from '../host-session.js';

export const serveCommand: Command = {
  name: 'serve',
  usage: 'atrium serve [--port <n>] [--aet <title>] [--bind <address>]',
  summary: 'Run the DICOM SCP (C-ECHO, C-STORE, C-FIND, C-MOVE, C-GET) in the foreground until SIGINT/SIGTERM',
  run(args, ctx) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { port: { type: 'string' }, aet: { type: 'string' }, bind: { type: 'string' } } });
    if (positionals.length > 0) {
      ctx.err(`usage: ${this.usage}`);
      return 2;
    }
    return withHost(ctx, async (container) => {
      const ws = container.get<Workstation>(Workstation);
      const stored = loadNetworkConfig(ws.index.db);
      const config: NetworkConfig = {
        ...stored,
        ...(values.port !== undefined ? { port: parseNetworkSetting('port', values.port) } : {}),
        ...(values.aet !== undefined ? { aeTitle: parseNetworkSetting('aeTitle', values.aet) } : {}),
        ...(values.bind !== undefined ? { bindAddress: parseNetworkSetting('bindAddress', values.bind) } : {}),
      };
      const aes = new RemoteAeTable(ws.index.db);
      const log = (line: string): void => ctx.out(`${new Date().toISOString()} ${line}`);
      let storedCount = 0;
      const server = new DicomServer({
        ...config,
        identifyCaller: (title, address) => aes.identifyCaller(title, address),
        services: [
          echoService(),
          storeService({
            store: ws.store, sync: config.syncStorageArea,
            onStored: (outcome, calling) => {
              if ('code' in outcome) log(`C-STORE from ${calling} refused (${hexStatus(storeStatus(outcome).Status)}): ${outcome.reason} [${outcome.code}]${outcome.quarantinePath ? ` kept in ${outcome.quarantinePath}` : ''}`);
              else {
                storedCount++;
                if (outcome.warnings?.length) log(`C-STORE from ${calling}: ${outcome.SOPInstanceUID} stored with ${outcome.warnings.length} validation warning(s) (B007): ${outcome.warnings.map((w) => w.message).join('; ')}`);
              }
            },
            onIndexError: (error, path) => log(`indexing ${path} failed after it was acknowledged: ${(error as Error).message}; the next start's reconcile indexes it`),
          }),
          findService({ index: ws.index, aeTitle: config.aeTitle, limit: config.findLimit }),
          retrieveService({
            index: ws.index, files: ws.files,
            scu: scuSettings(config),
            destination: (title) => {
              const ae = aes.find(title);
              return ae && ae.title === title.trim() && ae.roles.includes('store') ? ae : undefined;
            },
          }),
        ],
        onEvent: (e: ServerEvent) => {
          if (e.type === 'associated') log(`association ${e.id} from ${e.callingAeTitle}@${e.peer}: ${e.contexts} presentation contexts accepted${e.queryRetrieveRefused ? ' (query/retrieve refused: not a registered caller at its host)' : ''}`);
          else if (e.type === 'rejected') log(`association from ${e.callingAeTitle}@${e.peer} rejected: ${e.why}`);
          else if (e.type === 'failed') log(`connection from ${e.peer} dropped: ${e.error.message} [${e.error.code}]`);
          else log(`association ${e.id} ${e.end.how}${e.end.error && e.end.how !== 'released' ? `: ${e.end.error.message}` : ''} (${storedCount} instances stored since start)`);
        },
      });
      const port = await server.listen();
      ctx.out(`atrium serve: listening on ${config.bindAddress}:${port} as ${config.aeTitle} (store ${ws.root}; receive validation ${ws.store.validation}; at most ${config.maxAssociations} associations, max PDU ${config.maxPduLength || 'unlimited'})`);
      for (const line of describeCallerPolicy(config, aes.list().filter((a) => a.roles.includes('call')).length)) ctx.out(`  ${line}`);
      await new Promise<void>((resolve) => {
        const stop = (signal: string): void => {
          log(`${signal}: stopping (associations in progress get 5 s to finish)`);
          process.off('SIGINT', onInt);
          process.off('SIGTERM', onTerm);
          void server.close(5000).then(resolve);
        };
        const onInt = (): void => stop('SIGINT');
        const onTerm = (): void => stop('SIGTERM');
        process.on('SIGINT', onInt);
        process.on('SIGTERM', onTerm);
      });
      log(`stopped; ${storedCount} instances stored`);
      return 0;
    });
  },
};
