import type { PluginManifest } from '@atrium/sdk';
import { executeApp, parseDicom, SourceInstanceImpl, type BoundApp } from '@atrium/host/engine';
import { inMemoryHost, type RunRecord } from './in-memory-host.js';
import type { TestRun, TestRunOptions } from './test-plugin.js';
import type { TestSeries } from './test-series.js';

/** One {@link TestPlugin.run}: the host's engine on the files, with the in-memory host; dciodvfy's errors fail it. */
export async function runInProcess(
  app: BoundApp,
  manifest: PluginManifest,
  record: RunRecord,
  input: TestSeries | readonly Uint8Array[],
  params: Readonly<Record<string, unknown>>,
  options: TestRunOptions,
): Promise<TestRun> {
  const instances = instancesOf(input);
  const held = [...instances, ...(options.studySeries ?? []).flatMap(instancesOf)];
  const run = inMemoryHost(manifest, record, options, held);
  const study = options.study ? instances[0]?.string('StudyInstanceUID') : undefined;
  const out = await executeApp(app, instances, params, run.host, study);
  const invalid = run.objects.filter((o) => (o.dciodvfy?.errors.length ?? 0) > 0);
  if (invalid.length > 0) {
    const lines = invalid.map((o) => `${o.output} ${o.sopInstanceUID}:\n  ${o.dciodvfy!.errors.join('\n  ')}`);
    throw new Error(`dciodvfy finds ${manifest.id}.${app.id}'s derived objects not valid for their IOD:\n${lines.join('\n')}`);
  }
  const objects = Object.freeze([...run.objects]);
  return Object.freeze({
    result: out.result,
    objects,
    output: (name: string) => objects.filter((o) => o.output === name),
    warnings: out.warnings,
    parameters: out.parameters,
    progress: run.progress,
    logs: run.logs,
  });
}

/** The source instances of a series given to the kit: its Part 10 files, parsed. */
function instancesOf(series: TestSeries | readonly Uint8Array[]): SourceInstanceImpl[] {
  const files = isFileList(series) ? series : series.files;
  return files.map((bytes) => new SourceInstanceImpl(parseDicom(bytes)));
}

function isFileList(input: TestSeries | readonly Uint8Array[]): input is readonly Uint8Array[] {
  return Array.isArray(input);
}
