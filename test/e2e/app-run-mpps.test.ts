import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SDK_VERSION } from '@atrium/sdk';
import { freePort } from '../support/free-port.js';
import { startAtriumServe, type ServeProcess } from '../support/serve-process.js';
import { atrium, tempDir } from './cli-helpers.js';
import { requireBuiltCli } from '../support/built-cli.js';

/**
 * App runs as performed procedure steps (Shimadzu DAR-9500f conformance statement, MPPS SCU,
 * for post-processing): with `appRunMpps` set, `atrium run` of one store reports to
 * `atrium serve` of another — N-CREATE IN PROGRESS at the start, N-SET COMPLETED with the
 * derived series and its instances, or DISCONTINUED with none when the app fails. The SCP's
 * own checks (required attributes, no N-SET after a final state) apply to what is sent.
 * Apps run in worker threads from the compiled host (`npx tsc -b`).
 */
const CT_SERIES = '1.3.6.1.4.1.5962.1.1.0.0.0.1196530851.28319.0.2'; // PCIR CT head, 4 slices
const SUMMARY = 'example.series-summary.series-summary';

interface Step { direction: string; status: string; ae: string; attributes: Record<string, unknown> }

describe('app runs reported by MPPS to atrium serve', () => {
  const ws = tempDir('atrium-app-mpps-ws-');
  const ris = tempDir('atrium-app-mpps-ris-');
  const pluginRoot = tempDir('atrium-app-mpps-plugins-');
  const saved = process.env.ATRIUM_PLUGIN_PATH;
  let serve: ServeProcess | undefined;

  beforeAll(async () => {
    requireBuiltCli();
    const dir = join(pluginRoot, 'thrower');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({
      name: 'fixture-thrower', version: '1.0.0', type: 'module', main: 'index.mjs',
      atrium: { id: 'fixture.thrower', engines: { sdk: `^${SDK_VERSION}` }, capabilities: ['read-series'], apps: [{ id: 'thrower', title: 'thrower', input: {} }] },
    }));
    writeFileSync(join(dir, 'index.mjs'), "export default { apps: [{ id: 'thrower', load: {}, parameters: {}, outputs: {}, async run() { throw new Error('boom in the app'); } }] };\n");
    process.env.ATRIUM_PLUGIN_PATH = pluginRoot;
    expect((await atrium('--store', ws, 'import', 'samples/dicomdir/77654033/CT2')).code).toBe(0);
    const port = await freePort();
    serve = await startAtriumServe(ris, port, 'RIS');
    expect((await atrium('--store', ws, 'ae', 'add', 'RIS', '--host', '127.0.0.1', '--port', String(port))).code).toBe(0);
    expect((await atrium('--store', ws, 'config', 'set', 'appRunMpps', 'RIS')).code).toBe(0);
  });
  afterAll(async () => {
    await serve?.stop();
    if (saved === undefined) delete process.env.ATRIUM_PLUGIN_PATH;
    else process.env.ATRIUM_PLUGIN_PATH = saved;
  });

  const received = async (): Promise<Step[]> => JSON.parse((await atrium('--store', ris, '--json', 'mpps', 'ls')).out) as Step[];

  it('a run that writes a series: a step IN PROGRESS, then COMPLETED with the derived series and its instance', async () => {
    const run = await atrium('--store', ws, '--json', 'run', 'series-summary', '--series', CT_SERIES);
    expect(run.code, run.err).toBe(0);
    const written = (JSON.parse(run.out) as { written: { seriesInstanceUID: string; sopInstanceUID: string }[] }).written;
    expect(written).toHaveLength(1);
    const [step] = await received();
    expect(step).toMatchObject({ direction: 'received', status: 'COMPLETED', ae: 'ATRIUM' });
    expect(step!.attributes).toMatchObject({
      PerformedProcedureStepDescription: SUMMARY, PerformedStationAETitle: 'ATRIUM', Modality: 'CT',
      ScheduledStepAttributesSequence: [{ StudyInstanceUID: '1.3.6.1.4.1.5962.1.1.0.0.0.1196530851.28319.0.1' }],
      PerformedSeriesSequence: [{ SeriesInstanceUID: written[0]!.seriesInstanceUID, RetrieveAETitle: 'ATRIUM', ReferencedImageSequence: [{ ReferencedSOPClassUID: '1.2.840.10008.5.1.4.1.1.7', ReferencedSOPInstanceUID: written[0]!.sopInstanceUID }] }],
    });
    expect(serve!.output()).toMatch(/MPPS (2\.25\.\d+) created IN PROGRESS by ATRIUM\n(.*\n)*.*MPPS \1 set COMPLETED by ATRIUM/);
    const sent = JSON.parse((await atrium('--store', ws, '--json', 'mpps', 'ls')).out) as Step[];
    expect(sent).toEqual([expect.objectContaining({ direction: 'sent', status: 'COMPLETED', ae: 'RIS' })]);
  }, 120_000);

  it('a run that fails: its step DISCONTINUED with no performed series; the run fails as it would without MPPS', async () => {
    const run = await atrium('--store', ws, 'run', 'thrower', '--series', CT_SERIES);
    expect(run.code).toBe(1);
    expect(run.err).toContain('boom in the app');
    const steps = await received();
    expect(steps).toHaveLength(2);
    const failed = steps.find((s) => s.attributes.PerformedProcedureStepDescription === 'fixture.thrower.thrower');
    expect(failed).toMatchObject({ status: 'DISCONTINUED', attributes: { PerformedSeriesSequence: [] } });
  }, 120_000);

  it('without the setting, nothing is reported', async () => {
    expect((await atrium('--store', ws, 'config', 'unset', 'appRunMpps')).code).toBe(0);
    expect((await atrium('--store', ws, 'run', 'series-summary', '--series', CT_SERIES)).code).toBe(0);
    expect(await received()).toHaveLength(2);
  }, 120_000);
});
