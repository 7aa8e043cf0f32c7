import { parseArgs } from 'node:util';
import { validateParameters } from '@atrium/sdk';
import { APP_RUN_JOB, appRunKey } from '../../apps/app-run-handler.js';
import type { AppRunResult } from '../../apps/run-app.js';
import { query } from '../../db/query-engine.js';
import { JobQueue, JobRunner } from '../../di/jobs-module.js';
import { Workstation } from '../../di/store-module.js';
import { AtriumError } from '../../errors/atrium-error.js';
import type { Job } from '../../jobs/job.js';
import { PluginRegistry } from '../../plugins/plugin-registry.js';
import { appParams } from '../app-params.js';
import type { Command } from '../cli-context.js';
import { withHost } from '../host-session.js';
import { printTable } from '../print-table.js';
import { ProgressBar } from '../progress-bar.js';

/** `--where` terms: `Keyword=value` (DICOM matching), several per option separated by spaces or `&`. */
function whereKeys(terms: readonly string[]): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const term of terms.flatMap((t) => t.split(/[\s&]+/)).filter(Boolean)) {
    const eq = term.indexOf('=');
    if (eq <= 0) throw new AtriumError('ATRIUM_ERR_CLI_BAD_WHERE', `--where expects Keyword=value terms, got "${term}"`);
    keys[term.slice(0, eq)] = term.slice(eq + 1);
  }
  return keys;
}

export const batchCommand: Command = {
  name: 'batch',
  usage: 'atrium batch <app> --where <Keyword=value ...> [--param key=value ...] [--params file.json] [--limit n]',
  summary: 'Run an app on every stored series matching a query; resumable (series already done are skipped); a summary table',
  run(args, ctx) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: { where: { type: 'string', multiple: true }, param: { type: 'string', multiple: true }, params: { type: 'string' }, limit: { type: 'string' } },
    });
    const appId = positionals[0];
    if (!appId || !values.where) {
      ctx.err(`usage: ${this.usage}`);
      return 2;
    }
    const keys = whereKeys(values.where);
    const raw = appParams(values.param, values.params);
    return withHost(ctx, async (container) => {
      const registry = container.get<PluginRegistry>(PluginRegistry);
      const { app, definition } = await registry.loadApp(appId);
      validateParameters(definition.parameters, raw);
      const ws = container.get<Workstation>(Workstation);
      const limit = values.limit === undefined ? undefined : Number(values.limit);
      const series = query(ws.index, 'SERIES', { ...keys, SeriesInstanceUID: keys.SeriesInstanceUID ?? '', Modality: keys.Modality ?? '' }, limit ? { limit } : {});
      const accepted = series.filter((s) => !app.input.modality || app.input.modality.includes(String(s.Modality ?? '')));
      const queue = container.get<JobQueue>(JobQueue);
      const runner = container.get<JobRunner>(JobRunner);
      const jobs: Job[] = accepted.map((s) => {
        const payload = { app: app.qualifiedId, seriesInstanceUID: String(s.SeriesInstanceUID), params: raw };
        return queue.enqueue({ type: APP_RUN_JOB, payload, key: appRunKey(payload), label: `${app.qualifiedId} on ${payload.seriesInstanceUID}` });
      });
      const alreadyDone = jobs.filter((j) => j.state === 'completed').length;
      const bar = new ProgressBar(`batch ${app.appId}`);
      const ids = new Set(jobs.map((j) => j.id));
      const finished = (): number => jobs.filter((j) => ['completed', 'failed', 'cancelled'].includes(queue.get(j.id)?.state ?? '')).length;
      const sub = runner.onDidChangeJob((e) => ids.has(e.job.id) && bar.update(finished(), jobs.length, e.job.label ?? ''));
      for (const j of jobs) if (j.state !== 'completed') await runner.runJob(j.id);
      sub.dispose();
      bar.done();
      const rows = jobs.map((j) => queue.get(j.id)!).map((j) => {
        const result = j.result as AppRunResult | undefined;
        return {
          job: j.id,
          series: (j.payload as { seriesInstanceUID: string }).seriesInstanceUID,
          state: j.state,
          written: result?.written.length ?? 0,
          outcome: j.state === 'completed' ? result?.summary ?? '' : `${j.error?.code ?? ''}: ${j.error?.message ?? ''}`,
        };
      });
      const skipped = series.length - accepted.length;
      if (ctx.json) {
        ctx.out(JSON.stringify({ app: app.qualifiedId, matched: series.length, skipped, resumedDone: alreadyDone, jobs: rows }, null, 2));
      } else {
        ctx.out(`${app.qualifiedId}: ${series.length} series matched, ${skipped} not accepted (modality), ${alreadyDone} already done earlier`);
        if (rows.length > 0) ctx.out(printTable(rows, ['job', 'state', 'written', 'series', 'outcome']));
      }
      return rows.some((r) => r.state !== 'completed') ? 1 : 0;
    });
  },
};
