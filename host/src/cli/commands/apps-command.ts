import { PluginRegistry } from '../../plugins/plugin-registry.js';
import { defineCommand } from '../cli-context.js';
import { parseArgs } from '../parse-args.js';
import { printTable } from '../print-table.js';

export const appsCommand = defineCommand({
  name: 'apps',
  usage: 'atrium apps',
  summary: 'List installed apps and what series they accept (from manifests; no plugin code runs), and plugins that could not be used',
  uses: { registry: PluginRegistry },
  async run(args, ctx, use) {
    parseArgs({ args, options: {} });
    const registry = await use.registry();
    const apps = registry.apps();
    const problems = registry.list().filter((p) => p.problems.length > 0);
    if (ctx.json) {
      ctx.out(JSON.stringify({ apps, problems }, null, 2));
      return 0;
    }
    const accepts = (a: (typeof apps)[number]): string =>
      [
        a.input.modality ? `Modality ${a.input.modality.join('/')}` : '',
        a.input.sopClassUid ? `${a.input.sopClassUid.length} SOP class(es)` : '',
        ...Object.entries(a.input.where ?? {}).map(([k, v]) => `${k}=${v}`),
        a.input.minInstances ? `≥ ${a.input.minInstances} instance(s)` : '',
      ].filter(Boolean).join(', ') || 'any series';
    ctx.out(apps.length === 0 ? '(no apps installed)' : printTable(apps.map((a) => ({ app: a.qualifiedId, version: a.pluginVersion, title: a.title, accepts: accepts(a) })), ['app', 'version', 'title', 'accepts']));
    for (const p of problems) ctx.out(`\nplugin ${p.id} (${p.packageDir}) is ${p.state}: ${p.problems.map((q) => `${q.code}: ${q.message}`).join('; ')}`);
    return 0;
  },
});
