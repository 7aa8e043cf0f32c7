import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir } from '../support/temp-dir.js';
import { requireBuiltCli } from '../support/built-cli.js';

/**
 * `npm run demo` (its script, on the built host, as the npm script runs it after `tsc -b`) and
 * then the README's calcium scoring example, verbatim, on the store the demo filled: the
 * example's seeds must hit the phantom's lesions and give the scores the README says.
 */
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const README = readFileSync(join(REPO, 'README.md'), 'utf8');

describe('npm run demo, then the README\'s calcium example', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    requireBuiltCli();
    dir = makeTempDir('atrium-demo-');
    const inherited = Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && !k.startsWith('npm_') && k !== 'NODE_OPTIONS' && k !== 'FORCE_COLOR');
    env = { ...Object.fromEntries(inherited), ATRIUM_STORE: join(dir, 'store'), NO_COLOR: '1' };
  });
  afterAll(() => removeTempDir(dir));

  it('imports the samples and the phantom, scores it as computed by hand, previews, and says what next', () => {
    const r = spawnSync(process.execPath, [join(REPO, 'tools/demo.mjs'), '--out', join(dir, 'out')], { cwd: REPO, env, encoding: 'utf8', timeout: 300_000 });
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
    expect(r.stdout).toContain(`store ${join(dir, 'store')}`);
    expect(r.stdout).toMatch(/^samples: \d+ stored, \d+ replaced/m);
    expect(r.stdout).toMatch(/^phantom: 40 stored, 0 replaced/m);
    expect(r.stdout).toMatch(/^total +817 +817 +834 +834 +5 +5 +ok$/m);
    expect(r.stdout).not.toContain('MISMATCH');
    expect(readdirSync(join(dir, 'out')).filter((f) => f.startsWith('report-'))).toEqual(['report-01.png', 'report-02.png']);
    expect(r.stdout).toContain(`\nnext:\n  # what is stored: the samples, the phantom, what the app wrote\n  npx atrium ls series\n`);
  });

  it('runs the README\'s calcium example verbatim: every seeded artery scored, as the README says', () => {
    const calcium = README.slice(README.indexOf('## Calcium scoring'));
    const block = /```sh\n([\s\S]*?)```/.exec(calcium)![1]!;
    const example = block.split('\n').find((l) => l.startsWith('npx atrium run calcium-scoring --series'))!;
    const r = spawnSync('sh', ['-c', example], { cwd: REPO, env, encoding: 'utf8', timeout: 300_000 });
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
    const said = /The first prints `([^`]+)`/.exec(calcium.replace(/\n/g, ' '))![1]!;
    expect(said).toBe('Agatston 817.0 (LM 48.0, LAD 244.0, LCX 45.0, RCA 480.0), volume 834.0 mm3, risk category >400');
    expect(r.stdout).toContain(`atrium.calcium-scoring.calcium-scoring: ${said}`);
    expect(r.stdout).toMatch(/\nreport +replaced +/);
    // The reader's signed-off reading, excluding the spine: the same score, verified; the first's objects replaced.
    const signed = block.split('\n').filter((l) => l.startsWith('npx atrium run calcium-scoring --series'))[1]!;
    expect(signed).toContain('"exclude":true');
    const v = spawnSync('sh', ['-c', signed], { cwd: REPO, env, encoding: 'utf8', timeout: 300_000 });
    expect(v.status, `${v.stdout}${v.stderr}`).toBe(0);
    expect(v.stdout).toContain(`atrium.calcium-scoring.calcium-scoring: ${said}, verified by Doe^Jane`);
    expect(v.stdout).toMatch(/\nreplaced: \d+ object\(s\) of earlier runs on the same series removed/);
  });
});
