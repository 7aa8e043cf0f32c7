import { RenderingEngine } from '@cornerstonejs/core';
import { Enums as ToolEnums, ToolGroupManager, TrackballRotateTool, addTool, type Types as ToolTypes } from '@cornerstonejs/tools';
import { h } from '../dom/h';
import { setUpCornerstone } from './cornerstone-setup';
import type { SeriesImages } from './series-images';
import { StackPane } from './stack-pane';
import { CT_PRESETS } from './window-presets';
import { viewerToolbar, type ToolName } from './viewer-toolbar';
import { VolumeViews } from './volume-views';

const { MouseBindings } = ToolEnums;
const TOOL_GROUP = 'atrium-stack';
/** Tools bound to the primary button one at a time; "Seed" binds none (the seed layer takes the click). */
const PRIMARY_TOOLS: Record<Exclude<ToolName, 'Seed'>, string> = {
  WindowLevel: 'WindowLevel',
  Pan: 'Pan',
  Zoom: 'Zoom',
  Length: 'Length',
  Angle: 'Angle',
  RectangleROI: 'RectangleROI',
  EllipticalROI: 'EllipticalROI',
  Probe: 'Probe',
};

/**
 * The 2-D viewer: one stack viewport, or two side by side (a prior beside the current series);
 * the primary button runs the chosen tool, the wheel scrolls, the right button zooms, the middle
 * one pans. Keyboard: ↑/↓ PageUp/PageDown Home/End scroll, 1–6 CT window presets, R reset,
 * C cine, W window/level, L length.
 */
export class Viewer {
  readonly element: HTMLElement;
  readonly panes: [StackPane, StackPane];
  readonly engine: RenderingEngine;
  private toolGroup: ToolTypes.IToolGroup | undefined;
  private readonly stage = h('div', { class: 'stage', 'data-test': 'viewer-stage' });
  private readonly toolbar;
  activePane = 0;
  readonly volumes: VolumeViews;

  /** Where the viewer reports what it cannot do (a volume view of a series that is not a volume). */
  onError: (message: string) => void = () => undefined;

  constructor() {
    this.engine = new RenderingEngine('atrium');
    this.panes = [new StackPane(this.engine, 'stack-0'), new StackPane(this.engine, 'stack-1')];
    this.toolbar = viewerToolbar({
      onTool: (t) => this.setTool(t),
      onPreset: (p) => this.activeStack.setWindow(p.center, p.width),
      onReset: () => this.activeStack.reset(),
      onCine: () => this.activeStack.toggleCine(),
      onCloseCompare: () => this.setCompare(false),
      onVolume: (mode) => this.showVolume(mode).catch((e: Error) => (this.onError(e.message), Promise.reject(e))),
    });
    this.volumes = new VolumeViews(this.engine, (ids) => this.bindVolumeTools(ids));
    this.element = h('section', { class: 'viewer' }, h('div', { class: 'toolbar' }, this.toolbar.element), this.stage);
    this.stage.append(this.panes[0].container, this.panes[1].container, this.volumes.element);
    this.panes[1].container.hidden = true;
    for (const [i, pane] of this.panes.entries()) pane.container.addEventListener('pointerdown', () => this.focus(i), true);
  }

  /** Enable cornerstone on the panes once the viewer is in the page. */
  async start(): Promise<void> {
    await setUpCornerstone();
    this.panes[0].enable();
    this.panes[1].enable();
    const group = ToolGroupManager.createToolGroup(TOOL_GROUP)!;
    for (const name of [...Object.values(PRIMARY_TOOLS), 'StackScroll']) group.addTool(name);
    for (const pane of this.panes) group.addViewport(pane.viewportId, this.engine.id);
    group.setToolActive('StackScroll', { bindings: [{ mouseButton: MouseBindings.Wheel }] });
    group.setToolActive('Zoom', { bindings: [{ mouseButton: MouseBindings.Secondary }] });
    group.setToolActive('Pan', { bindings: [{ mouseButton: MouseBindings.Auxiliary }] });
    this.toolGroup = group;
    this.setTool('WindowLevel');
    new ResizeObserver(() => this.engine.resize(true, true)).observe(this.stage);
    document.addEventListener('keydown', (e) => this.onKey(e));
  }

  get activeStack(): StackPane {
    return this.panes[this.activePane];
  }

  focus(i: number): void {
    this.activePane = i;
    this.panes.forEach((p, j) => p.container.classList.toggle('active', j === i));
  }

  /** Show a series in pane 0 (replacing) or pane 1 (beside it, for comparison). */
  async open(series: SeriesImages, slot: 0 | 1 = 0): Promise<void> {
    if (this.stage.classList.contains('volume')) await this.showVolume('2d');
    if (slot === 1) this.setCompare(true);
    this.focus(slot);
    await this.panes[slot].show(series);
    this.toolbar.setPresetsEnabled(series.instanceOf[0] !== undefined);
  }

  /**
   * MPR or 3-D of the series in the active pane (a CT or MR volume), or back to the 2-D stack.
   * Refused with a message for a series that is not a volume (one image, no geometry).
   */
  async showVolume(mode: 'mpr' | '3d' | '2d'): Promise<void> {
    const series = this.activeStack.series;
    const stackOn = mode === '2d' || !series;
    if (!stackOn && series && series.imageIds.length < 3) throw new Error('MPR and 3-D need a series of at least 3 slices');
    this.volumes.hide();
    for (const p of this.panes) p.container.hidden = !stackOn || (p === this.panes[1] && !this.stage.classList.contains('compare'));
    this.stage.classList.toggle('volume', !stackOn);
    this.stage.dataset.mode = stackOn ? '2d' : mode;
    if (stackOn) this.toolbar.resetMode();
    if (!stackOn && series) await this.volumes.show(series, mode as 'mpr' | '3d');
    this.engine.resize(true, true);
  }

  private bindVolumeTools(ids: string[]): void {
    let group = ToolGroupManager.getToolGroup('atrium-volume');
    if (!group) {
      addTool(TrackballRotateTool);
      group = ToolGroupManager.createToolGroup('atrium-volume')!;
      for (const name of ['WindowLevel', 'Pan', 'Zoom', 'StackScroll', 'TrackballRotate']) group.addTool(name);
      group.setToolActive('StackScroll', { bindings: [{ mouseButton: MouseBindings.Wheel }] });
      group.setToolActive('Zoom', { bindings: [{ mouseButton: MouseBindings.Secondary }] });
      group.setToolActive('Pan', { bindings: [{ mouseButton: MouseBindings.Auxiliary }] });
    }
    const threeD = ids.includes('volume-3d');
    group.setToolPassive(threeD ? 'WindowLevel' : 'TrackballRotate');
    group.setToolActive(threeD ? 'TrackballRotate' : 'WindowLevel', { bindings: [{ mouseButton: MouseBindings.Primary }] });
    for (const id of ids) group.addViewport(id, this.engine.id);
  }

  setCompare(on: boolean): void {
    this.panes[1].container.hidden = !on;
    this.stage.classList.toggle('compare', on);
    if (!on) this.focus(0);
    this.engine.resize(true, true);
    this.toolbar.setCompare(on);
  }

  setTool(tool: ToolName): void {
    const group = this.toolGroup;
    if (!group) return;
    for (const name of Object.values(PRIMARY_TOOLS)) {
      if (name === 'Zoom' || name === 'Pan') continue; // bound to the right / middle button as well
      group.setToolPassive(name);
    }
    if (tool !== 'Seed') {
      const bindings = [{ mouseButton: MouseBindings.Primary }];
      if (tool === 'Zoom') bindings.push({ mouseButton: MouseBindings.Secondary });
      if (tool === 'Pan') bindings.push({ mouseButton: MouseBindings.Auxiliary });
      group.setToolActive(PRIMARY_TOOLS[tool], { bindings });
    }
    if (tool !== 'Zoom') group.setToolActive('Zoom', { bindings: [{ mouseButton: MouseBindings.Secondary }] });
    if (tool !== 'Pan') group.setToolActive('Pan', { bindings: [{ mouseButton: MouseBindings.Auxiliary }] });
    this.toolbar.setActive(tool);
    for (const pane of this.panes) pane.element.dataset.tool = tool;
  }

  private onKey(e: KeyboardEvent): void {
    const target = e.target as HTMLElement;
    if (target.closest('input, select, textarea') || e.ctrlKey || e.metaKey || e.altKey) return;
    const pane = this.activeStack;
    if (!pane.series) return;
    const preset = CT_PRESETS.find((p) => p.key === e.key);
    const steps: Record<string, number> = { ArrowUp: -1, ArrowDown: 1, PageUp: -10, PageDown: 10, Home: -1e9, End: 1e9 };
    if (e.key in steps) void pane.scroll(steps[e.key]);
    else if (preset) pane.setWindow(preset.center, preset.width);
    else if (e.key === 'r' || e.key === 'R') pane.reset();
    else if (e.key === 'c' || e.key === 'C') pane.toggleCine();
    else if (e.key === 'w' || e.key === 'W') this.setTool('WindowLevel');
    else if (e.key === 'l' || e.key === 'L') this.setTool('Length');
    else return;
    e.preventDefault();
  }
}
