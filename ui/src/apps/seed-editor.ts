import { h, replaceChildren } from '../dom/h';
import { arteryColor } from './arteries';
import type { CalciumSeedLayer } from './calcium-seed-layer';

/**
 * The calcium app's `seeds` parameter, edited by clicking: "Place seeds" turns the Seed tool on,
 * the list shows each seed (artery, slice, pixel, HU, mm) with a remove button. Its value is the
 * JSON array the app takes (`[{"artery":"LAD","at":[x,y,z]}]`); none means unverified candidates.
 */
export function seedEditor(layer: CalciumSeedLayer, onPlace: () => void) {
  const list = h('ol', { class: 'seeds', 'data-test': 'seed-list' });
  const render = () =>
    replaceChildren(
      list,
      ...layer.seeds.map((s, i) =>
        h(
          'li',
          { 'data-test': 'seed' },
          h('span', { class: 'swatch', style: `background:${arteryColor(s.artery)}` }),
          h('strong', {}, s.artery),
          ` image ${s.imageIndex + 1} (${s.column}, ${s.row}) ${s.hu} HU`,
          h('div', { class: 'small muted' }, `[${s.at.map((v) => v.toFixed(2)).join(', ')}] mm`),
          h('button', { class: 'icon', title: 'Remove this seed', onclick: () => layer.remove(i) }, '✕'),
        ),
      ),
    );
  layer.listeners.add(render);
  render();
  const element = h(
    'div',
    { class: 'seed-editor' },
    h(
      'div',
      { class: 'row' },
      h('button', { class: 'primary', 'data-test': 'place-seeds', onclick: onPlace, title: 'Click a tinted lesion, then choose its artery' }, '✚ Place seeds'),
      h('button', { onclick: () => layer.clear() }, 'Clear'),
    ),
    h('div', { class: 'hint' }, 'Tinted pixels are over the threshold. Click a lesion and choose the artery (a click snaps to the brightest calcium within 5 pixels), or drag a box around several lesions of one artery.'),
    list,
  );
  return {
    element,
    value: () => (layer.seeds.length ? JSON.stringify(layer.seeds.map((s) => ({ artery: s.artery, at: s.at }))) : undefined),
  };
}
