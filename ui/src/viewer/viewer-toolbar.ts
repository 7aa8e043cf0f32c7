import { h } from '../dom/h';
import { CT_PRESETS, type WindowPreset } from './window-presets';

export type ToolName = 'WindowLevel' | 'Pan' | 'Zoom' | 'Length' | 'Angle' | 'RectangleROI' | 'EllipticalROI' | 'Probe' | 'Seed';

const TOOLS: readonly { tool: ToolName; label: string; title: string }[] = [
  { tool: 'WindowLevel', label: 'W/L', title: 'Window / level (W); drag' },
  { tool: 'Pan', label: 'Pan', title: 'Pan (also the middle button)' },
  { tool: 'Zoom', label: 'Zoom', title: 'Zoom (also the right button)' },
  { tool: 'Length', label: 'Length', title: 'Length measurement (L)' },
  { tool: 'Angle', label: 'Angle', title: 'Angle measurement' },
  { tool: 'RectangleROI', label: '▭ ROI', title: 'Rectangle ROI: mean, SD, area' },
  { tool: 'EllipticalROI', label: '◯ ROI', title: 'Elliptical ROI: mean, SD, area' },
  { tool: 'Probe', label: 'Probe', title: 'Pixel value at a point' },
];

export interface ToolbarHandlers {
  onTool(tool: ToolName): void;
  onPreset(preset: WindowPreset): void;
  onReset(): void;
  onCine(): boolean;
  onCloseCompare(): void;
  onVolume(mode: 'mpr' | '3d' | '2d'): Promise<void>;
}

/** The viewer's toolbar: tools, window presets (keys 1–6), reset, cine, close the comparison. */
export function viewerToolbar(handlers: ToolbarHandlers) {
  const buttons = new Map<ToolName, HTMLButtonElement>();
  for (const t of TOOLS) buttons.set(t.tool, h('button', { class: 'tool', title: t.title, 'data-tool': t.tool, onclick: () => handlers.onTool(t.tool) }, t.label));
  const presets = h(
    'select',
    { 'aria-label': 'Window preset', 'data-test': 'window-preset', title: 'Window presets (keys 1–6)' },
    h('option', { value: '' }, 'Window…'),
    ...CT_PRESETS.map((p) => h('option', { value: p.key }, `${p.key} ${p.name} (${p.center}/${p.width})`)),
  );
  presets.addEventListener('change', () => {
    const p = CT_PRESETS.find((x) => x.key === presets.value);
    if (p) handlers.onPreset(p);
    presets.value = '';
  });
  const cine = h('button', { class: 'tool', title: 'Cine (C)', 'data-test': 'cine' }, '▶ Cine');
  cine.addEventListener('click', () => {
    const playing = handlers.onCine();
    cine.textContent = playing ? '■ Stop' : '▶ Cine';
  });
  const modes = (['2d', 'mpr', '3d'] as const).map((mode) => {
    const b = h('button', { class: `tool${mode === '2d' ? ' active' : ''}`, 'data-mode': mode, title: mode === '2d' ? 'The 2-D stack' : mode === 'mpr' ? 'Axial, sagittal and coronal reformats (CT, MR)' : '3-D volume rendering (CT, MR)' }, mode.toUpperCase());
    b.addEventListener('click', () => {
      handlers.onVolume(mode).then(
        () => modes.forEach((x) => x.classList.toggle('active', x === b)),
        () => undefined, // the viewer said why
      );
    });
    return b;
  });
  const closeCompare = h('button', { class: 'tool', hidden: true, title: 'Back to one viewport', onclick: () => handlers.onCloseCompare() }, '✕ Compare');
  const element = h(
    'div',
    { class: 'tools', role: 'toolbar' },
    ...buttons.values(),
    presets,
    h('button', { class: 'tool', title: 'Reset window, zoom and pan (R)', onclick: () => handlers.onReset() }, 'Reset'),
    cine,
    ...modes,
    closeCompare,
  );
  return {
    element,
    setActive(tool: ToolName) {
      for (const [name, b] of buttons) b.classList.toggle('active', name === tool);
    },
    setPresetsEnabled(on: boolean) {
      presets.disabled = !on;
    },
    resetMode() {
      modes.forEach((x) => x.classList.toggle('active', x.dataset.mode === '2d'));
    },
    setCompare(on: boolean) {
      closeCompare.hidden = !on;
    },
  };
}
