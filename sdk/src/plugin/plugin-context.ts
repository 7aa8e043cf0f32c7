import type { Logger, PluginStorage } from '../context/app-context.js';
import type { Disposable } from './disposable.js';

/** A stored instance, as events report it. */
export interface InstanceEvent {
  readonly studyInstanceUID: string;
  readonly seriesInstanceUID: string;
  readonly sopInstanceUID: string;
  readonly sopClassUID: string;
}

/** A job, as events report it. */
export interface JobEvent {
  readonly jobId: number;
  readonly app: string;
  readonly state: 'pending' | 'running' | 'completed' | 'failed' | 'retrying' | 'cancelled';
}

/** Host events a plugin can follow; each subscription is a {@link Disposable}. */
export interface HostEvents {
  onDidStoreInstance(listener: (e: InstanceEvent) => void): Disposable;
  onDidCompleteSeries(listener: (e: { readonly studyInstanceUID: string; readonly seriesInstanceUID: string }) => void): Disposable;
  onWillStoreDerived(listener: (e: InstanceEvent & { readonly app: string }) => void): Disposable;
  onDidChangeJob(listener: (e: JobEvent) => void): Disposable;
}

/** What `activate` receives: frozen, per plugin. Push disposables to `subscriptions`; the host disposes them. */
export interface PluginContext {
  readonly pluginId: string;
  readonly log: Logger;
  readonly storage: PluginStorage;
  readonly events: HostEvents;
  readonly subscriptions: Disposable[];
}
