import { parseArgs } from '../parse-args.js';
import { validateParameters } from '@atrium/sdk';
import { APP_RUN_JOB } from '../../apps/app-run-handler.js';
import type { AppRunResult } from '../../apps/run-app.js';
import { JobQueue } from '../../jobs/job-queue.js';
import { JobRunner } from '../../jobs/job-runner.js';
import { PluginRegistry } from '../../plugins/plugin-registry.js';
import { appParams } from '../app-params.js';
import { defineCommand } from '../cli-context.js';
import { printTable } from '../print-table.js';
import { isUsageCode } from '../report-error.js';
import { ProgressBar } from '../progress-bar.js';
import { appParametersHelp } from './app-parameters-help.js';
import { UsageError } from '../usage-error.js';
import { loadAppNamed } from '../load-app-named.js';

export const runCommand = defineCommand({
  name: 'run',
  usage: 'atrium run <app> (--series <uid> | --study <uid>) [--param key=value ...] [--params file.json] [--keep-previous]',
  summary: 'Run an app on a stored series, or on each series of a stored study (as a job; its plugin code runs in a worker thread), and list what it wrote; for an app whose re-runs replace (calcium scoring), what earlier runs wrote from the same series is removed unless --keep-previous, and when some of it had been sent a rejection note (IHE IOCM Key Object Selection) is stored for the user to send',
  uses: { registry: PluginRegistry, queue: JobQueue, runner: JobRunner },
  help: (args, _ctx, use) => appParametersHelp(args, use),
  async run(args, ctx, use) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: { series: { type: 'string' }, study: { type: 'string' }, param: { type: 'string', multiple: true }, params: { type: 'string' }, 'keep-previous': { type: 'boolean' } },
    });
    const appId = positionals[0];
    if (!appId) throw new UsageError('ATRIUM_ERR_CLI_USAGE', 'give the app to run (atrium apps lists them)', {});
    if (positionals.length > 1) throw new UsageError('ATRIUM_ERR_CLI_USAGE', `unexpected argument ${JSON.stringify(positionals[1])}: give one app, and its input with --series or --study`, {});
    if ((values.series === undefined) === (values.study === undefined)) {
      throw new UsageError('ATRIUM_ERR_CLI_USAGE', values.series === undefined ? `${appId} needs its input: --series <uid> or --study <uid>` : 'give --series or --study, not both', {});
    }
    const raw = appParams(values.param, values.params);
    const registry = await use.registry();
    const { app, definition } = await loadAppNamed(registry, appId);
    validateParameters(definition.parameters, raw); // bad parameters: a clear error before any work
    const [queue, runner] = await Promise.all([use.queue(), use.runner()]);
    const input = values.study !== undefined ? { studyInstanceUID: values.study } : { seriesInstanceUID: values.series! };
    const label = `${app.qualifiedId} on ${values.study !== undefined ? `study ${values.study}` : values.series}`;
    const job = queue.enqueue({ type: APP_RUN_JOB, payload: { app: app.qualifiedId, ...input, params: raw, ...(values['keep-previous'] ? { keepPrevious: true } : {}) }, label, maxAttempts: 1 });
    const bar = new ProgressBar(app.appId);
    const sub = runner.onDidProgressJob((e) => e.jobId === job.id && bar.update(Math.round(e.progress * 100), 100, e.message ?? ''));
    const done = await runner.runJob(job.id);
    sub.dispose();
    bar.done();
    if (done.state !== 'completed') {
      if (ctx.json) ctx.out(JSON.stringify({ job: done }, null, 2));
      else ctx.err(`atrium run: job ${done.id} ${done.state}: ${done.error?.message ?? ''} [${done.error?.code ?? ''}]`);
      return isUsageCode(done.error?.code) ? 2 : 1; // the app refused its parameters: a usage problem
    }
    const result = done.result as AppRunResult;
    if (ctx.json) {
      ctx.out(JSON.stringify({ job: done.id, ...result }, null, 2));
      return 0;
    }
    ctx.out(`${result.app}: ${result.summary}`);
    for (const w of result.warnings) ctx.out(`warning: ${w}`);
    if (result.written.length > 0) {
      ctx.out(`\nwritten (job ${done.id}):`);
      ctx.out(printTable(result.written.map((w) => ({ ...w })), values.study !== undefined ? ['output', 'status', 'studyInstanceUID', 'seriesInstanceUID', 'sopInstanceUID'] : ['output', 'status', 'seriesInstanceUID', 'sopInstanceUID']));
    }
    if (result.removed.length > 0) {
      ctx.out(`\nreplaced: ${result.removed.length} object(s) of earlier runs on the same series removed (--keep-previous keeps them):`);
      ctx.out(printTable(result.removed.map((r) => ({ ...r })), ['seriesInstanceUID', 'sopInstanceUID']));
    }
    for (const note of result.rejectionNotes ?? []) {
      ctx.out(`\nrejection note (IHE IOCM, Key Object Selection "Rejected for Quality Reasons") ${note.sopInstanceUID} in series ${note.seriesInstanceUID}: names the ${note.rejected} replaced object(s), some of which had been sent to ${note.sentTo.join(', ')}; send it there so they reject them:`);
      for (const ae of note.sentTo) ctx.out(`  atrium send ${note.sopInstanceUID} ${ae}`);
    }
    return 0;
  },
});
