import { existsSync } from 'node:fs';
import { peer } from './peers.js';

/** Where Debian's `orthanc-dicomweb` package puts the plugin. */
const PLUGIN = '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';

/**
 * The Orthanc DICOMweb plugin (Debian `orthanc-dicomweb`), with Orthanc itself; undefined when
 * either is missing outside CI (the caller skips). Under CI=true a missing one is a failure.
 */
export function orthancDicomwebPlugin(): string | undefined {
  if (!peer('Orthanc')) return undefined;
  if (existsSync(PLUGIN)) return PLUGIN;
  if (process.env.CI === 'true') throw new Error(`the Orthanc DICOMweb plugin ${PLUGIN} is missing (CI=true: .ci/run must install orthanc-dicomweb)`);
  return undefined;
}

/** Orthanc configuration keys loading the DICOMweb plugin, with the remote DICOMweb servers it may call. */
export function dicomwebConfig(plugin: string, servers: Record<string, string> = {}): Record<string, unknown> {
  return {
    Plugins: [plugin],
    DicomWeb: { Enable: true, Root: '/dicom-web/', Servers: Object.fromEntries(Object.entries(servers).map(([name, url]) => [name, [url]])) },
  };
}
