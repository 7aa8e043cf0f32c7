import { hostname } from 'node:os';
import { parseArgs } from '../parse-args.js';
import { createWebServer } from '../../web/web-server.js';
import { WEB_USES, webServices } from '../../web/web-services.js';
import { defineCommand } from '../cli-context.js';
import { UsageError } from '../usage-error.js';

function portOption(text: string | undefined): number {
  if (text === undefined) return 8042;
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n > 65535) throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', `--port must be a whole number from 0 to 65535 (0: any free port), not "${text}"`, { option: '--port', value: text });
  return n;
}

/** Until SIGINT or SIGTERM; says which. */
function untilSignal(out: (line: string) => void): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (signal: string): void => {
      out(`atrium web: ${signal}, stopping`);
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve();
    };
    const onInt = (): void => stop('SIGINT');
    const onTerm = (): void => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
}

export const webCommand = defineCommand({
  name: 'web',
  usage: 'atrium web [--port <n>] [--bind <address>] [--ui <folder>]',
  summary: 'Run the workstation in the browser: the UI, its JSON API and DICOMweb (QIDO/WADO/STOW-RS) on http://127.0.0.1:8042 until SIGINT/SIGTERM; off loopback every request needs the access token printed at start',
  uses: WEB_USES,
  async run(args, ctx, use) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { port: { type: 'string' }, bind: { type: 'string' }, ui: { type: 'string' } } });
    if (positionals.length > 0) throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', `atrium web takes no positional arguments (got "${positionals[0]}")`, {});
    const port = portOption(values.port);
    if (values.bind !== undefined && values.bind.trim() === '') throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', '--bind needs an address (127.0.0.1, ::1, 0.0.0.0 or an address of this machine)', { option: '--bind' });
    const services = await webServices(use);
    const server = await createWebServer(services, { port, ...(values.bind !== undefined ? { bind: values.bind } : {}), ...(values.ui !== undefined ? { uiFolder: values.ui } : {}), log: ctx.err });
    const { url } = await server.listen();
    services.runner.start();
    const shown = server.token !== undefined && ['0.0.0.0', '::'].includes(server.bind) ? url.replace(/\/\/[^/]+:/, `//${hostname()}:`) : url;
    ctx.out(`atrium web: open ${shown}`);
    ctx.out(`  store ${services.workstation.root}; receive validation ${services.workstation.store.validation}; DICOMweb at ${new URL('/dicom-web', shown).href.replace(/\?.*$/, '')}`);
    ctx.out(server.ui.present ? `  UI from ${server.ui.folder}` : `  the UI is not built (no index.html in ${server.ui.folder}): / shows how to build it; the API and DICOMweb work`);
    ctx.out(server.token !== undefined
      ? `  bound to ${server.bind}: every request needs the access token ${server.token} (Authorization: Bearer, or ?access_token= as in the URL above)`
      : `  bound to ${server.bind} (loopback): only this machine can connect; --bind 0.0.0.0 serves others with an access token`);
    await untilSignal(ctx.out);
    await server.close();
    await services.runner.stop();
    return 0;
  },
});
