import type { ParameterSpec } from '@atrium/sdk';
import { PluginRegistry } from '../../plugins/plugin-registry.js';
import type { Services } from '../cli-context.js';
import { printTable } from '../print-table.js';

/** `number (−1024…3000 HU)`, `8 | 4`, `true | false`, `string (pattern …)`, `JSON array (or its text)`. */
function typeOf(spec: ParameterSpec): string {
  switch (spec.type) {
    case 'number':
    case 'integer': {
      const range = spec.minimum !== undefined || spec.maximum !== undefined ? `${spec.minimum ?? ''}…${spec.maximum ?? ''}` : '';
      const detail = [range, spec.unit ?? ''].filter(Boolean).join(' ');
      return detail ? `${spec.type} (${detail})` : spec.type;
    }
    case 'boolean':
      return 'true | false';
    case 'enum':
      return spec.values.join(' | ');
    case 'string':
      if (spec.json !== undefined) return `JSON ${spec.json} (or its text)`;
      return spec.pattern !== undefined ? `string (${spec.pattern})` : 'string';
  }
}

/**
 * `atrium run <app> --help` / `atrium batch <app> --help`: what the app is, what it accepts,
 * and its parameters with their types, defaults and descriptions, from the app's own schema
 * (the plugin is loaded as for a run; no store is opened). Undefined without an app id.
 */
export async function appParametersHelp(args: readonly string[], use: Services<{ registry: typeof PluginRegistry }>): Promise<string | undefined> {
  const appId = args[0];
  if (appId === undefined || appId.startsWith('-')) return undefined;
  const { app, definition } = await (await use.registry()).loadApp(appId);
  const accepts = [
    app.input.modality ? `Modality ${app.input.modality.join(' or ')}` : '',
    app.input.minInstances ? `at least ${app.input.minInstances} instance(s)` : '',
  ].filter(Boolean).join(', ') || 'any series';
  const rows = Object.entries(definition.parameters).map(([name, spec]) => ({
    parameter: name,
    type: typeOf(spec),
    default: spec.default === undefined ? '(required)' : String(spec.default),
    description: spec.description,
  }));
  return [
    `${app.qualifiedId} ${app.pluginVersion}: ${app.title}`,
    ...(app.description ? [app.description] : []),
    `accepts: ${accepts}`,
    '',
    rows.length === 0 ? 'no parameters' : `parameters (--param name=value ..., or --params file.json):\n${printTable(rows, ['parameter', 'type', 'default', 'description'])}`,
  ].join('\n');
}
