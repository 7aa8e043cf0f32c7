import { describe, expect, it } from 'vitest';
import { createHostHooks, HookStage, type InstanceStoredInfo } from '../hooks/host-hooks.js';
import { MemoryLogSink } from '../core/log-sink.js';
import { PLUGIN_EVENTS_TAP, PluginEventHubImpl } from './plugin-event-hub.js';
import { PluginErrorCode } from './plugin-problem.js';

const stored: InstanceStoredInfo = {
  status: 'stored',
  StudyInstanceUID: '1.2.3',
  SeriesInstanceUID: '1.2.3.4',
  SOPInstanceUID: '1.2.3.4.5',
  SOPClassUID: '1.2.840.10008.5.1.4.1.1.2',
  path: 'files/a/b/c.dcm',
  changes: [],
  source: '/import/c.dcm',
};

function setup() {
  const hooks = createHostHooks();
  const log = new MemoryLogSink();
  const hub = new PluginEventHubImpl(hooks, log);
  return { hooks, log, hub };
}

describe('host hooks', () => {
  it('are a frozen object of tapable hooks, each with one named plugin fan-out tap at the PLUGINS stage', () => {
    const { hooks } = setup();
    expect(Object.isFrozen(hooks)).toBe(true);
    expect(Object.keys(hooks)).toEqual(['instanceStored', 'seriesComplete', 'beforeDerivedStore', 'jobChanged']);
    for (const hook of Object.values(hooks)) {
      expect(hook.taps.map((t: { name: string; stage?: number }) => [t.name, t.stage])).toEqual([[PLUGIN_EVENTS_TAP, HookStage.PLUGINS]]);
    }
  });

  it('run host taps (HOST stage) before the plugin fan-out, whatever the tap order', () => {
    const { hooks, hub } = setup();
    const order: string[] = [];
    hub.forPlugin('acme.alpha').events.onDidStoreInstance(() => order.push('plugin'));
    hooks.instanceStored.tap({ name: 'test:index', stage: HookStage.HOST }, () => order.push('host'));
    hooks.instanceStored.call(stored);
    expect(order).toEqual(['host', 'plugin']);
  });
});

describe('PluginEventHub', () => {
  it('fans each hook out to every plugin listener as frozen SDK events (nothing host-only leaks)', async () => {
    const { hooks, hub } = setup();
    const a = hub.forPlugin('acme.alpha').events;
    const b = hub.forPlugin('acme.beta').events;
    const seen: [string, string, unknown][] = [];
    a.onDidStoreInstance((e) => seen.push(['alpha', 'stored', e]));
    b.onDidStoreInstance((e) => seen.push(['beta', 'stored', e]));
    a.onDidCompleteSeries((e) => seen.push(['alpha', 'series', e]));
    b.onWillStoreDerived((e) => seen.push(['beta', 'derived', e]));
    a.onDidChangeJob((e) => seen.push(['alpha', 'job', e]));

    hooks.instanceStored.call(stored);
    hooks.seriesComplete.call({ StudyInstanceUID: '1.2.3', SeriesInstanceUID: '1.2.3.4', instances: 20 });
    await hooks.beforeDerivedStore.promise({ StudyInstanceUID: '1.2.3', SeriesInstanceUID: '9.9', SOPInstanceUID: '9.9.1', SOPClassUID: '1.2.840.10008.5.1.4.1.1.7', app: 'acme.beta.summary', output: 'report' });
    hooks.jobChanged.call({ jobId: 7, app: 'acme.alpha.summary', state: 'running', fraction: 0.5, message: 'slice 10' });

    const instance = { studyInstanceUID: '1.2.3', seriesInstanceUID: '1.2.3.4', sopInstanceUID: '1.2.3.4.5', sopClassUID: '1.2.840.10008.5.1.4.1.1.2' };
    expect(seen).toEqual([
      ['alpha', 'stored', instance],
      ['beta', 'stored', instance],
      ['alpha', 'series', { studyInstanceUID: '1.2.3', seriesInstanceUID: '1.2.3.4' }],
      ['beta', 'derived', { studyInstanceUID: '1.2.3', seriesInstanceUID: '9.9', sopInstanceUID: '9.9.1', sopClassUID: '1.2.840.10008.5.1.4.1.1.7', app: 'acme.beta.summary' }],
      ['alpha', 'job', { jobId: 7, app: 'acme.alpha.summary', state: 'running' }],
    ]);
    for (const [, , e] of seen) expect(Object.isFrozen(e)).toBe(true);
  });

  it('dispose removes exactly that listener, twice is harmless; disposeAll removes one plugin\'s listeners only', () => {
    const { hooks, hub } = setup();
    const alpha = hub.forPlugin('acme.alpha');
    const beta = hub.forPlugin('acme.beta');
    const calls: string[] = [];
    const first = alpha.events.onDidStoreInstance(() => calls.push('alpha-1'));
    alpha.events.onDidStoreInstance(() => calls.push('alpha-2'));
    alpha.events.onDidChangeJob(() => calls.push('alpha-job'));
    beta.events.onDidStoreInstance(() => calls.push('beta'));
    expect(hub.listenerCount()).toBe(4);

    first.dispose();
    first.dispose();
    hooks.instanceStored.call(stored);
    expect(calls).toEqual(['alpha-2', 'beta']);

    alpha.disposeAll();
    expect(hub.listenerCount()).toBe(1);
    calls.length = 0;
    hooks.instanceStored.call(stored);
    hooks.jobChanged.call({ jobId: 1, app: 'a.b.c', state: 'completed' });
    expect(calls).toEqual(['beta']);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('a listener that disposes itself while the event is dispatched does not skip the others', () => {
    const { hooks, hub } = setup();
    const events = hub.forPlugin('acme.alpha').events;
    const calls: string[] = [];
    const once = events.onDidStoreInstance(() => { calls.push('once'); once.dispose(); });
    events.onDidStoreInstance(() => calls.push('always'));
    hooks.instanceStored.call(stored);
    hooks.instanceStored.call(stored);
    expect(calls).toEqual(['once', 'always', 'always']);
  });

  it('a throwing or rejecting listener is logged with its plugin id; the host and the other listeners go on', async () => {
    const { hooks, hub, log } = setup();
    const calls: string[] = [];
    hub.forPlugin('acme.bad').events.onDidStoreInstance(() => { throw new Error('kaput'); });
    hub.forPlugin('acme.async').events.onDidStoreInstance(async () => { throw new Error('later'); });
    hub.forPlugin('acme.good').events.onDidStoreInstance(() => calls.push('good'));
    hooks.instanceStored.tap({ name: 'test:after', stage: HookStage.PLUGINS + 1 }, () => calls.push('host-after'));

    expect(() => hooks.instanceStored.call(stored)).not.toThrow();
    await new Promise((r) => setImmediate(r));
    expect(calls).toEqual(['good', 'host-after']);
    expect(log.entries).toEqual([
      { level: 'error', source: 'acme.bad', message: 'plugin acme.bad: listener for onDidStoreInstance threw: kaput', details: { code: PluginErrorCode.LISTENER, pluginId: 'acme.bad', event: 'onDidStoreInstance' } },
      { level: 'error', source: 'acme.async', message: 'plugin acme.async: listener for onDidStoreInstance threw: later', details: { code: PluginErrorCode.LISTENER, pluginId: 'acme.async', event: 'onDidStoreInstance' } },
    ]);

    hub.forPlugin('acme.bad').events.onWillStoreDerived(() => { throw new Error('no'); });
    await expect(hooks.beforeDerivedStore.promise({ StudyInstanceUID: '1', SeriesInstanceUID: '2', SOPInstanceUID: '3', SOPClassUID: '4', app: 'a.b.c', output: 'o' })).resolves.toBeUndefined();
  });

  it('gives each plugin a frozen events object and refuses a listener that is not a function', () => {
    const { hub } = setup();
    const { events } = hub.forPlugin('acme.alpha');
    expect(Object.isFrozen(events)).toBe(true);
    expect(() => events.onDidStoreInstance('nope' as never)).toThrow('plugin acme.alpha: events.onDidStoreInstance needs a listener function');
  });
});
