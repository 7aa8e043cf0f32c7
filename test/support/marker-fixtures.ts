import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SDK_VERSION } from '@atrium/sdk';
import { encodeDataset, FIXTURE_EXPLICIT_LE, minimalInstance, part10 } from './dicom-fixture.js';

const SC = '1.2.840.10008.5.1.4.1.1.7';

/** A fixture app that writes "<host> <series>" to a log when it starts, then waits ATRIUM_TEST_APP_MS. */
export function markerPlugin(root: string, version = '1.0.0'): void {
  const dir = join(root, 'marker');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({
    name: 'fixture-marker', version, type: 'module', main: 'index.mjs',
    atrium: { id: 'fixture.marker', engines: { sdk: `^${SDK_VERSION}` }, capabilities: ['read-series'], apps: [{ id: 'marker', title: 'marker', input: {} }] },
  }));
  writeFileSync(join(dir, 'index.mjs'), `import { appendFileSync } from 'node:fs';
export default { apps: [{ id: 'marker', load: {}, parameters: {}, outputs: {},
  async run(ctx, input) {
    appendFileSync(process.env.ATRIUM_TEST_RUN_LOG, process.env.ATRIUM_HOST_ID + ' ' + input.seriesInstanceUID + '\\n');
    await new Promise((r) => setTimeout(r, Number(process.env.ATRIUM_TEST_APP_MS ?? 0)));
    return { summary: 'marked' };
  } }] };\n`);
}

/** `count` one-instance Secondary Capture series under `uidRoot`, as Part 10 files in `dir`; their paths. */
export function seriesFiles(dir: string, count: number, uidRoot: string): string[] {
  mkdirSync(dir, { recursive: true });
  return Array.from({ length: count }, (_, i) => {
    const root = `${uidRoot}.${i + 1}`;
    const file = join(dir, `${i + 1}.dcm`);
    writeFileSync(file, part10(encodeDataset(minimalInstance(root), FIXTURE_EXPLICIT_LE), { transferSyntaxUID: '1.2.840.10008.1.2.1', sopClassUID: SC, sopInstanceUID: `${root}.3` }));
    return file;
  });
}

/** The lines the marker app wrote to `<dir>/runs.log` ("<host> <series>"), none when it has not run. */
export function runLog(dir: string): string[] {
  const file = join(dir, 'runs.log');
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l) => l !== '') : [];
}
