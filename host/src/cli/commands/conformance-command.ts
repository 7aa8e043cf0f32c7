import { parseArgs } from 'node:util';
import { conformanceStatement, type ConformanceApp } from '../../derive/conformance-tables.js';
import { PluginRegistry } from '../../plugins/plugin-registry.js';
import type { Command } from '../cli-context.js';
import { withHost } from '../host-session.js';

export const conformanceCommand: Command = {
  name: 'conformance',
  usage: 'atrium conformance [--app <id>] [--format md|html]',
  summary: "Print the DICOM Conformance Statement of the apps' derived objects, generated from the tables the engine runs",
  run(args, ctx) {
    const { values } = parseArgs({ args, options: { app: { type: 'string' }, format: { type: 'string', default: 'md' } } });
    if (values.format !== 'md' && values.format !== 'html') {
      ctx.err('atrium conformance: --format must be md or html');
      return 2;
    }
    const format = values.format;
    return withHost(ctx, async (container) => {
      const registry = container.get<PluginRegistry>(PluginRegistry);
      const entries = values.app ? [registry.resolveApp(values.app)] : registry.apps();
      const apps: ConformanceApp[] = [];
      for (const entry of entries) {
        const { definition } = await registry.loadApp(entry.qualifiedId);
        const manifest = registry.get(entry.pluginId)?.manifest;
        apps.push({ pluginId: entry.pluginId, version: entry.pluginVersion, app: definition, ...(manifest ? { manifest } : {}) });
      }
      ctx.out(conformanceStatement(apps, format));
      return 0;
    });
  },
};
