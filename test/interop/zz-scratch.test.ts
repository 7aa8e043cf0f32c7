import { readFileSync, readdirSync } from 'node:fs';
import { it } from 'vitest';
import { parseDicom } from '../../host/src/io/parse-part10.js';
import { listAtrium, listDcmdump, listPydicom, type ElementTuple } from '../support/element-listing.js';
function key(t: ElementTuple) { return `${t.path} ${t.vr} ${t.length} ${t.value}`; }
function same(a: ElementTuple, b: ElementTuple) { return a.path === b.path && a.vr === b.vr && (a.length === b.length || a.length === '?' || b.length === '?') && (a.value === b.value || a.value === '?' || b.value === '?'); }
function diff(name: string, a: ElementTuple[], b: ElementTuple[]) {
  const n = Math.max(a.length, b.length); let c = 0;
  for (let i = 0; i < n; i++) { const x = a[i]; const y = b[i]; if (!x || !y || !same(x, y)) { if (c++ < 6) console.log(name, i, '\n   A ', x ? key(x).slice(0,150) : '-', '\n   B ', y ? key(y).slice(0,150) : '-'); } }
  if (c) console.log(name, 'diffs', c, a.length, b.length);
}
it('scratch', () => {
  const dir = '/tmp/enc';
  const files = readdirSync(dir).map((f) => `${dir}/${f}`);
  const py = listPydicom(files);
  files.forEach((f, i) => {
    const ours = listAtrium(parseDicom(readFileSync(f)));
    const ds = f.includes('.ds-') ? (f.includes('ds-ti') ? ['-f', '-ti'] : f.includes('ds-tb') ? ['-f', '-tb'] : ['-f', '-te']) : [];
    diff(`${f} dcmdump`, ours, listDcmdump(f, ds));
    diff(`${f} pydicom`, ours, py[i]!);
  });
});
