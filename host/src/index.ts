/** @atrium/host — the workstation runtime: I/O, store, index, importer and the CLI. */
export * from './io/index.js';
export { AtriumError, isAtriumError } from './errors/atrium-error.js';
export { openWorkstation, defaultStoreRoot, type Workstation } from './store/open-workstation.js';
export { query, type QueryResult, type QueryOptions } from './db/query-engine.js';
export type { Index, InstanceFilter, StoredInstance } from './db/dicom-index.js';
export { importPaths, type ImportSummary } from './importer/import-paths.js';
export type { StoreOutcome } from './store/store-outcome.js';
export { validateInstance, type ValidationPolicy } from './store/validate-instance.js';
export { main as runCli } from './cli/main.js';
export { runApp, type AppRunDeps, type AppRunRequest, type AppRunResult } from './apps/run-app.js';
export { APP_RUN_JOB, registerAppRunHandler } from './apps/app-run-handler.js';
export * from './derive/index.js';
export * from './jobs/index.js';
export * from './plugins/index.js';
export { HostHooks, HookStage, createHostHooks, type DerivedStoreInfo, type InstanceStoredInfo, type JobChangedInfo, type SeriesCompleteInfo } from './hooks/host-hooks.js';
export { LogSink, MemoryLogSink, StderrLogSink, type LogEntry } from './core/log-sink.js';
export { createHostContainer, disposeHostContainer, type HostContainerOptions } from './di/create-host-container.js';
