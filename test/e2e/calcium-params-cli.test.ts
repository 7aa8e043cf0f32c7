import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { calciumPhantomSeries } from '../../plugins/calcium-scoring/src/test-support/calcium-phantom.js';
import { atrium, tempDir } from './cli-helpers.js';

// Apps run in worker threads from the compiled host and plugin (host/dist, plugins/*/dist):
// build first (`npx tsc -b`; `npm install` does it).

interface RunResult {
  data: { arteries: { artery: string; agatston: number }[]; total: { agatston: number } };
}

/**
 * The calcium app's parameters as a user writes them: `seeds` in a `--params` file as a JSON
 * array (of seed objects, or of one seed's JSON text each), a value of the wrong JSON type named
 * with an example, and a misspelt parameter or artery answered with the nearest name.
 */
describe('calcium scoring parameters through the CLI', () => {
  const store = tempDir('atrium-calcium-params-');
  const files = tempDir('atrium-calcium-params-files-');
  const phantom = calciumPhantomSeries({ slices: 26 });
  const [lm, lad] = [phantom.seeds.find((s) => s.artery === 'LM')!, phantom.seeds.find((s) => s.artery === 'LAD')!];
  const paramsFile = (name: string, params: unknown): string => {
    const path = join(files, name);
    writeFileSync(path, JSON.stringify(params));
    return path;
  };
  const run = (...argv: string[]): ReturnType<typeof atrium> => atrium('--store', store, 'run', 'calcium-scoring', '--series', phantom.seriesInstanceUID, ...argv);

  beforeAll(async () => {
    const input = tempDir('atrium-calcium-params-input-');
    phantom.files.forEach((bytes, i) => writeFileSync(join(input, `ct-${i + 1}.dcm`), bytes));
    const imported = await atrium('--store', store, 'import', input);
    expect(imported.code, imported.err).toBe(0);
  }, 60_000);

  it('takes seeds in a --params file as a JSON array of seed objects, or of seed texts, and scores them as on the command line', async () => {
    const scored = async (...argv: string[]): Promise<Record<string, number>> => {
      const r = await run('--json', ...argv);
      expect(r.code, r.err).toBe(0);
      return Object.fromEntries((JSON.parse(r.out) as RunResult).data.arteries.map((a) => [a.artery, a.agatston]));
    };
    const byLine = await scored('--param', `seeds=${JSON.stringify([lm, lad])}`);
    expect(byLine.LM).toBeGreaterThan(0);
    expect(await scored('--params', paramsFile('objects.json', { seeds: [lm, lad] }))).toEqual(byLine);
    expect(await scored('--params', paramsFile('texts.json', { seeds: [JSON.stringify(lm), JSON.stringify(lad)] }))).toEqual(byLine);
    // Artery names in any letter case.
    expect(await scored('--params', paramsFile('lower.json', { seeds: [{ ...lm, artery: 'lm' }, { ...lad, artery: 'Lad' }] }))).toEqual(byLine);
  }, 120_000);

  it('names a parameter of the wrong JSON type, the type given and how to write it; exit 2, nothing run', async () => {
    const seeds = await run('--params', paramsFile('number.json', { seeds: 5 }));
    expect([seeds.code, seeds.out]).toEqual([2, '']);
    expect(seeds.err.split('\n')[0]).toBe('atrium run: parameter "seeds" must be a JSON array (or its text), not a number (5): write it as "seeds": [{"artery":"LAD","at":[x,y,z]}] [ATRIUM_ERR_PARAM_INVALID]');
    const threshold = await run('--params', paramsFile('bool.json', { threshold: true, kvpThreshold: false }));
    expect(threshold.err.split('\n')[0]).toBe('atrium run: parameter "threshold" must be a number, not a boolean (true): write it as "threshold": 130 [ATRIUM_ERR_PARAM_INVALID]');
    expect((await atrium('--store', store, 'jobs', '--json')).out).not.toContain('"failed"');
  });

  it('answers a misspelt parameter or artery with the nearest name', async () => {
    const param = await run('--param', 'seds=[]');
    expect([param.code, param.out]).toEqual([2, '']);
    expect(param.err.split('\n')[0]).toBe('atrium run: unknown parameter "seds" (did you mean seeds?) [ATRIUM_ERR_PARAM_UNKNOWN]');
    const artery = await run('--param', `seeds=${JSON.stringify([{ ...lad, artery: 'LDA' }])}`);
    expect([artery.code, artery.out]).toEqual([2, '']);
    expect(artery.err.split('\n')[0]).toBe('atrium run: parameter "seeds" seed 1: unknown artery "LDA" (did you mean LAD?); arteries: LM, LAD, LCX, RCA, PDA, or "exclude": true [ATRIUM_ERR_PARAM_INVALID]');
  });
});
