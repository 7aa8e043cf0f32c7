import { resolve } from 'node:path';
import { parseArgs } from '../parse-args.js';
import { parseNetworkSetting, RemoteAeTable, type NetworkConfig } from '../../net/config/index.js';
import { describeCallerPolicy } from '../../net/scp/caller-policy.js';
import { WorkstationServerFactory } from '../../net/scp/workstation-server-factory.js';
import { InstanceStore } from '../../store/instance-store.js';
import { defineCommand } from '../cli-context.js';
import { usageCheck } from '../usage-check.js';
import { UsageError } from '../usage-error.js';

export const serveCommand = defineCommand({
  name: 'serve',
  usage: 'atrium serve [--port <n>] [--aet <title>] [--bind <address>]',
  summary: 'Run the DICOM SCP (C-ECHO, C-STORE, C-FIND, C-MOVE, C-GET) in the foreground until SIGINT/SIGTERM',
  uses: { makeServer: WorkstationServerFactory, aes: RemoteAeTable, store: InstanceStore },
  async run(args, ctx, use) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { port: { type: 'string' }, aet: { type: 'string' }, bind: { type: 'string' } } });
    if (positionals.length > 0) {
      throw new UsageError('ATRIUM_ERR_CLI_USAGE', 'missing or extra arguments', {});
    }
    const overrides: Partial<NetworkConfig> = {
      ...(values.port !== undefined ? { port: usageCheck(() => parseNetworkSetting('port', values.port!), '--port') } : {}),
      ...(values.aet !== undefined ? { aeTitle: usageCheck(() => parseNetworkSetting('aeTitle', values.aet!), '--aet') } : {}),
      ...(values.bind !== undefined ? { bindAddress: usageCheck(() => parseNetworkSetting('bindAddress', values.bind!), '--bind') } : {}),
    };
    const log = (line: string): void => ctx.out(`${new Date().toISOString()} ${line}`);
    const [makeServer, aes, store] = await Promise.all([use.makeServer(), use.aes(), use.store()]);
    const { server, config, storedCount } = makeServer(overrides, log);
    const port = await server.listen();
    ctx.out(`atrium serve: listening on ${config.bindAddress}:${port} as ${config.aeTitle} (store ${resolve(ctx.store)}; receive validation ${store.validation}; at most ${config.maxAssociations} associations, max PDU ${config.maxPduLength || 'unlimited'})`);
    for (const line of describeCallerPolicy(config, aes.list().filter((a) => a.roles.includes('call')).length)) ctx.out(`  ${line}`);
    await new Promise<void>((done) => {
      const stop = (signal: string): void => {
        log(`${signal}: stopping (associations in progress get 5 s to finish)`);
        process.off('SIGINT', onInt);
        process.off('SIGTERM', onTerm);
        void server.close(5000).then(done);
      };
      const onInt = (): void => stop('SIGINT');
      const onTerm = (): void => stop('SIGTERM');
      process.on('SIGINT', onInt);
      process.on('SIGTERM', onTerm);
    });
    log(`stopped; ${storedCount()} instances stored`);
    return 0;
  },
});
