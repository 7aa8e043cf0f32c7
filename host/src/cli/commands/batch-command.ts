import { parseArgs } from '../parse-args.js';
import { validateParameters } from '@atrium/sdk';
import { APP_RUN_JOB, appRunKey } from '../../apps/app-run-handler.js';
import { appSource } from '../../apps/derived-store-guard.js';
import type { AppRunResult } from '../../apps/run-app.js';
import { query, type QueryResult } from '../../db/query-engine.js';
import { Index } from '../../db/dicom-index.js';
import { JobQueue } from '../../jobs/job-queue.js';
import { JobRunner } from '../../jobs/job-runner.js';
import type { Job } from '../../jobs/job.js';
import type { AppEntry } from '../../plugins/plugin-registry.js';
import { PluginRegistry } from '../../plugins/plugin-registry.js';
import { appParams } from '../app-params.js';
import { defineCommand, type CliContext } from '../cli-context.js';
import { parseLimit } from '../option-values.js';
import { printTable } from '../print-table.js';
import { ProgressBar } from '../progress-bar.js';
import { queryTerms } from '../query-terms.js';
import { appParametersHelp } from './app-parameters-help.js';
import { UsageError } from '../usage-error.js';

/** The series a batch takes, and why the others matching the query are not taken. */
interface Selection {
  /** Series to run the app on (matching, not written by the app, of a modality it accepts). */
  readonly series: readonly QueryResult[];
  /** Matching series, the app's own outputs included. */
  readonly matched: number;
  /** Matching series holding objects the same app wrote (never taken). */
  readonly ownOutputs: number;
  /** Series of a modality the app does not accept. */
  readonly notAccepted: number;
}

/**
 * The series of the store matching the query that the app may run on. A series holding any
 * object the index records as written by this app (`appSource`) is left out: a
 * batch never processes its own outputs, whatever they copied from their source.
 */
function selectSeries(index: Index, app: AppEntry, keys: Readonly<Record<string, string>>, limit: number | undefined): Selection {
  const wanted = { ...keys, SeriesInstanceUID: keys.SeriesInstanceUID ?? '', Modality: keys.Modality ?? '' };
  const matched = query(index, 'SERIES', wanted).length;
  const eligible = query(index, 'SERIES', wanted, { excludeStoredFrom: appSource(app.qualifiedId) });
  const accepted = eligible.filter((s) => !app.input.modality || app.input.modality.includes(String(s.Modality ?? '')));
  return { series: limit === undefined ? accepted : accepted.slice(0, limit), matched, ownOutputs: matched - eligible.length, notAccepted: eligible.length - accepted.length };
}

/** Enqueue (or find, when done earlier) one job per series, run those not done, and return them all. */
async function runJobs(queue: JobQueue, runner: JobRunner, app: AppEntry, series: readonly QueryResult[], params: Record<string, unknown>): Promise<{ jobs: Job[]; doneEarlier: Set<number> }> {
  const jobs: Job[] = series.map((s) => {
    const payload = { app: app.qualifiedId, seriesInstanceUID: String(s.SeriesInstanceUID), params };
    return queue.enqueue({ type: APP_RUN_JOB, payload, key: appRunKey(payload), label: `${app.qualifiedId} on ${payload.seriesInstanceUID}` });
  });
  const doneEarlier = new Set(jobs.filter((j) => j.state === 'completed').map((j) => j.id));
  const toRun = jobs.filter((j) => !doneEarlier.has(j.id));
  if (toRun.length === 0) return { jobs, doneEarlier };
  const bar = new ProgressBar(`batch ${app.appId}`);
  const ids = new Set(toRun.map((j) => j.id));
  const finished = (): number => toRun.filter((j) => ['completed', 'failed', 'cancelled'].includes(queue.get(j.id)?.state ?? '')).length;
  const sub = runner.onDidChangeJob((e) => ids.has(e.job.id) && bar.update(finished(), toRun.length, e.job.label ?? ''));
  try {
    for (const j of toRun) await runner.runJob(j.id);
  } finally {
    sub.dispose();
    bar.done();
  }
  return { jobs: jobs.map((j) => queue.get(j.id)!), doneEarlier };
}

function report(ctx: CliContext, app: AppEntry, selection: Selection, jobs: readonly Job[], doneEarlier: ReadonlySet<number>): void {
  const rows = jobs.map((j) => {
    const result = j.result as AppRunResult | undefined;
    return {
      job: j.id,
      series: (j.payload as { seriesInstanceUID: string }).seriesInstanceUID,
      state: j.state,
      doneEarlier: doneEarlier.has(j.id),
      written: result?.written.length ?? 0,
      outcome: j.state === 'completed' ? result?.summary ?? '' : `${j.error?.code ?? ''}: ${j.error?.message ?? ''}`,
    };
  });
  const ran = rows.filter((r) => !doneEarlier.has(r.job));
  if (ctx.json) {
    ctx.out(JSON.stringify({ app: app.qualifiedId, matched: selection.matched, ownOutputs: selection.ownOutputs, skipped: selection.notAccepted, resumedDone: doneEarlier.size, ran: ran.length, jobs: rows }, null, 2));
    return;
  }
  ctx.out(`${app.qualifiedId}: ${selection.matched} series matched: ${selection.ownOutputs} written by this app (never taken), ${selection.notAccepted} of a modality it does not accept, ${doneEarlier.size} done earlier, ${ran.length} run now`);
  if (ran.length === 0) ctx.out(`nothing to do${doneEarlier.size > 0 ? ' (the jobs done earlier: atrium jobs --state completed)' : ''}`);
  else ctx.out(printTable(ran, ['job', 'state', 'written', 'series', 'outcome']));
}

export const batchCommand = defineCommand({
  name: 'batch',
  usage: 'atrium batch <app> --where <Keyword=value ...> [--param key=value ...] [--params file.json] [--limit n]',
  summary: 'Run an app on every stored series matching a query, never on what the app wrote itself; resumable (series done earlier are skipped); a summary table',
  uses: { registry: PluginRegistry, index: Index, queue: JobQueue, runner: JobRunner },
  help: (args, _ctx, use) => appParametersHelp(args, use),
  async run(args, ctx, use) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: { where: { type: 'string', multiple: true }, param: { type: 'string', multiple: true }, params: { type: 'string' }, limit: { type: 'string' } },
    });
    const appId = positionals[0];
    if (!appId || !values.where) {
      throw new UsageError('ATRIUM_ERR_CLI_USAGE', 'missing or extra arguments', {});
    }
    const keys = queryTerms('--where', values.where, 'SERIES', { split: true });
    const limit = parseLimit(values.limit);
    const raw = appParams(values.param, values.params);
    const { app, definition } = await (await use.registry()).loadApp(appId);
    validateParameters(definition.parameters, raw);
    const selection = selectSeries(await use.index(), app, keys, limit);
    const { jobs, doneEarlier } = await runJobs(await use.queue(), await use.runner(), app, selection.series, raw);
    report(ctx, app, selection, jobs, doneEarlier);
    return jobs.some((j) => j.state !== 'completed') ? 1 : 0;
  },
});
