import { SDK_ERRORS, type ErrorCode, type ErrorSpec } from '@atrium/sdk/core';
import { ERRORS, type HostErrorSpec } from '../errors/codes.js';
import { dimseServiceOf, hexStatus } from '../errors/dimse-statuses.js';

/** One code of `atrium help errors`. */
export interface ListedError {
  readonly code: string;
  /** `host`, `sdk`, or the id of the plugin that declares it. */
  readonly source: string;
  readonly message: string;
  readonly http: number;
  readonly dimse?: { readonly service: string; readonly status: string; readonly meaning: string };
}

/** A plugin's codes, or why they could not be read. */
export type PluginErrors = { readonly pluginId: string; readonly codes: Readonly<Record<ErrorCode, ErrorSpec>> } | { readonly pluginId: string; readonly problem: string };

/** Every code: the host's list (the SDK's included), then each plugin's. */
export function listErrors(plugins: readonly PluginErrors[]): ListedError[] {
  const entry = (code: string, source: string, spec: HostErrorSpec): ListedError => ({
    code, source, message: spec.message, http: spec.http,
    ...(spec.dimse ? { dimse: { service: dimseServiceOf(spec.dimse), status: hexStatus(spec.dimse.code), meaning: spec.dimse.meaning } } : {}),
  });
  const host = Object.entries(ERRORS).map(([code, spec]) => entry(code, Object.hasOwn(SDK_ERRORS, code) ? 'sdk' : 'host', spec));
  const own = plugins.flatMap((p) => ('codes' in p ? Object.entries(p.codes).map(([code, spec]) => entry(code, p.pluginId, spec)) : []));
  return [...host.sort((a, b) => a.code.localeCompare(b.code)), ...own];
}

/** The list as text: grouped by area (`ATRIUM_ERR_<AREA>_...`), each code with its HTTP / DIMSE status and meaning. */
export function errorListText(errors: readonly ListedError[], plugins: readonly PluginErrors[]): string {
  const lines = [
    `${errors.length} error codes. Each error names what and where in its own message; this is what the code means.`,
    'HTTP: the web API\'s answer; DIMSE: the status a DICOM service answers with it. `--json` lists them as data.',
  ];
  let area = '';
  for (const e of errors) {
    const group = e.source === 'host' || e.source === 'sdk' ? (e.code.split('_')[2] ?? '') : `plugin ${e.source}`;
    if (group !== area) lines.push('', group);
    area = group;
    const statuses = [`HTTP ${e.http}`, ...(e.dimse ? [`${e.dimse.service} ${e.dimse.status}`] : []), ...(e.source === 'sdk' ? ['SDK'] : [])].join(', ');
    lines.push(`  ${e.code}  (${statuses})`, `      ${e.message}`);
  }
  for (const p of plugins) if ('problem' in p) lines.push('', `plugin ${p.pluginId}: its codes cannot be listed: ${p.problem}`);
  return lines.join('\n');
}
