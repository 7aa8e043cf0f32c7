import { parseArgs } from '../parse-args.js';
import { validateParameters } from '@atrium/sdk';
import { APP_RUN_JOB, appRunKey } from '../../apps/app-run-handler.js';
import { appSource } from '../../apps/derived-store-guard.js';
import type { AppRunResult } from '../../apps/run-app.js';
import { query, type QueryResult } from '../../db/query-engine.js';
import { Index } from '../../db/dicom-index.js';
import { JobQueue } from '../../jobs/job-queue.js';
import { JobRunner } from '../../jobs/job-runner.js';
import { TERMINAL_JOB_STATES, type Job } from '../../jobs/job.js';
import { configuredIndex } from '../../db/index-location.js';
import { HostDatabase } from '../../db/host-database.js';
import { LiveWorkers } from '../../jobs/live-workers.js';
import { AtriumError } from '../../errors/atrium-error.js';
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
import { loadAppNamed } from '../load-app-named.js';

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

/** Where a batch runs: here, or on every worker of the PostgreSQL index `fanOut.url`. */
interface Runners {
  readonly queue: JobQueue;
  readonly runner: JobRunner;
  readonly fanOut?: FanOut;
}

/** A batch spread over the workers: the index URL, the jobs this host runs at once meanwhile (0: none), the attempt expiry. */
interface FanOut {
  readonly url: string;
  readonly local: number;
  readonly expireInSeconds?: number;
  /** The live `atrium worker` processes (none: the batch says so while it waits). */
  readonly workers?: LiveWorkers;
  /** Where the batch's notes go (stderr). */
  readonly say?: (line: string) => void;
}

/** How often a batch waiting with no live worker says so again. */
const NO_WORKER_NOTE_MS = 30_000;

/**
 * Enqueue (or find, when done earlier) one job per series, run those not done, and return them
 * all. The plugin version is recorded in each job: a worker with another version refuses it.
 */
async function runJobs({ queue, runner, fanOut: spread }: Runners, app: AppEntry, series: readonly QueryResult[], params: Record<string, unknown>): Promise<{ jobs: Job[]; doneEarlier: Set<number> }> {
  const jobs: Job[] = series.map((s) => {
    const payload = { app: app.qualifiedId, seriesInstanceUID: String(s.SeriesInstanceUID), params, pluginVersion: app.pluginVersion };
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
    if (spread === undefined) for (const j of toRun) await runner.runJob(j.id);
    else await fanOut(spread, { queue, runner }, toRun, () => bar.update(finished(), toRun.length, ''));
  } finally {
    sub.dispose();
    bar.done();
  }
  return { jobs: jobs.map((j) => queue.get(j.id)!), doneEarlier };
}

/** Sends the jobs to every worker through pg-boss, works on them here too (`local` at once), and waits until each is finished, wherever it ran. */
async function fanOut({ url, local, expireInSeconds, workers, say = () => undefined }: FanOut, { queue, runner }: Runners, jobs: readonly Job[], onPoll: () => void): Promise<void> {
  const { PgBossJobs } = await import('../../jobs/pg-boss-jobs.js');
  const distributed = await PgBossJobs.start(url, queue, runner, { types: [APP_RUN_JOB], concurrency: local, ...(expireInSeconds === undefined ? {} : { expireInSeconds }) });
  const unfinished = (): Job[] => jobs.map((j) => queue.get(j.id) ?? j).filter((j) => !TERMINAL_JOB_STATES.includes(j.state));
  const interrupted = (signal: string): void => {
    say(interruptedNote(signal, unfinished(), runner.running()));
    process.exit(130);
  };
  const onSigint = (): void => interrupted('SIGINT');
  const onSigterm = (): void => interrupted('SIGTERM');
  process.once('SIGINT', onSigint);
  process.once('SIGTERM', onSigterm);
  try {
    await distributed.dispatch(jobs);
    if (local > 0) await distributed.work();
    let noted = -Infinity;
    while (unfinished().length > 0) {
      onPoll();
      if (local === 0 && workers !== undefined && Date.now() - noted >= NO_WORKER_NOTE_MS && workers.alive(APP_RUN_JOB).length === 0) {
        say(`atrium batch: no worker is running: start \`atrium worker\` on a host sharing this store; waiting (${unfinished().length} job(s) pending; Ctrl-C leaves them queued)`);
        noted = Date.now();
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
    await distributed.stop();
  }
}

/** The line an interrupted batch leaves: what is not finished, that the workers go on with it, and how to follow or stop it. */
function interruptedNote(signal: string, left: readonly Job[], here: readonly number[]): string {
  if (left.length === 0) return `atrium batch: ${signal}: stopped; every job had finished`;
  const count = (state: string): number => left.filter((j) => j.state === state || (state === 'pending' && j.state === 'retrying')).length;
  const ids = left.map((j) => j.id).join(', ');
  const mine = here.length === 0 ? '' : `; job(s) ${here.join(', ')} were running here: another worker takes them over once their attempt expires (--expire)`;
  return `atrium batch: ${signal}: stopped waiting; ${left.length} job(s) not finished (${count('pending')} pending, ${count('running')} running: ${ids}): the workers go on with them${mine}; \`atrium jobs\` follows them, \`atrium jobs cancel <id>\` stops one`;
}

/** On PostgreSQL, every host's worker takes part (`--local n`: jobs run here meanwhile, default 1, 0 for none; `--expire s`: pg-boss attempt expiry). */
function fanOutOptions(store: string, local: string | undefined, expire: string | undefined, more: Pick<FanOut, 'workers' | 'say'>): { fanOut?: FanOut } {
  const localJobs = parseLocal(local); // a malformed value is a usage mistake, whatever the index
  const expireInSeconds = parseLimit(expire, '--expire');
  const url = configuredIndex(store);
  if (url === undefined) {
    if (local !== undefined || expire !== undefined) {
      throw new AtriumError('ATRIUM_ERR_JOB_NEEDS_POSTGRES', `--local and --expire spread a batch over the hosts sharing an index on PostgreSQL; the store ${store} has its index in SQLite`, { store });
    }
    return {};
  }
  return { fanOut: { url, local: localJobs, ...(expireInSeconds === undefined ? {} : { expireInSeconds }), ...more } };
}

/** `--local`: the jobs this host runs at once while the workers run the others (default 1). */
function parseLocal(text: string | undefined): number {
  if (text === undefined) return 1;
  const n = Number(text);
  if (text.trim() === '' || !Number.isSafeInteger(n) || n < 0) {
    throw new UsageError('ATRIUM_ERR_CLI_BAD_LIMIT', `--local must be a whole number, 0 or more (the jobs run on this host meanwhile; 0: the workers run them all), not "${text}"`, { option: '--local', value: text });
  }
  return n;
}

/** What `atrium help batch` says of each option. */
const BATCH_OPTIONS = `options:
  <app>                 the app, by its id or plugin-qualified id (atrium apps lists them)
  --where Keyword=value series to take, as for atrium ls (repeat it or give several terms; wildcards * and ?)
  --param key=value     an app parameter (repeatable; atrium help batch <app> lists them)
  --params file.json    the app parameters from a JSON file
  --limit n             take the first n matching series only
  --local n             with the index on PostgreSQL: jobs run on this host at once while the
                        \`atrium worker\` processes of every host sharing the store run the others
                        (default 1; 0: this host only waits; with no worker running it says so and waits)
  --expire s            with the index on PostgreSQL: seconds an attempt may run before pg-boss gives
                        it to another worker (its host died); longer than the slowest job (default 900)
A batch is resumable: series done earlier are skipped. Ctrl-C stops waiting; the workers go on
with the jobs sent (atrium jobs follows them, atrium jobs cancel <id> stops one).`;

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
  usage: 'atrium batch <app> --where <Keyword=value ...> [--param key=value ...] [--params file.json] [--limit n] [--local n] [--expire <seconds>]',
  summary: 'Run an app on every stored series matching a query, never on what the app wrote itself; resumable (series done earlier are skipped); with the index on PostgreSQL, spread over every atrium worker; a summary table',
  uses: { registry: PluginRegistry, index: Index, queue: JobQueue, runner: JobRunner, database: HostDatabase },
  help: async (args, _ctx, use) => [BATCH_OPTIONS, await appParametersHelp(args, use)].filter(Boolean).join('\n\n'),
  async run(args, ctx, use) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        where: { type: 'string', multiple: true },
        param: { type: 'string', multiple: true },
        params: { type: 'string' },
        limit: { type: 'string' },
        local: { type: 'string' },
        expire: { type: 'string' },
      },
    });
    const appId = positionals[0];
    if (!appId || !values.where) {
      throw new UsageError('ATRIUM_ERR_CLI_USAGE', 'missing or extra arguments', {});
    }
    const keys = queryTerms('--where', values.where, 'SERIES', { split: true });
    const limit = parseLimit(values.limit);
    const raw = appParams(values.param, values.params);
    const { app, definition } = await loadAppNamed(await use.registry(), appId);
    validateParameters(definition.parameters, raw);
    const selection = selectSeries(await use.index(), app, keys, limit);
    const database = await use.database();
    const more = { workers: new LiveWorkers(database.settings, database.liveness), say: ctx.err };
    const runners = { queue: await use.queue(), runner: await use.runner(), ...fanOutOptions(ctx.store, values.local, values.expire, more) };
    const { jobs, doneEarlier } = await runJobs(runners, app, selection.series, raw);
    report(ctx, app, selection, jobs, doneEarlier);
    return jobs.some((j) => j.state !== 'completed') ? 1 : 0;
  },
});
