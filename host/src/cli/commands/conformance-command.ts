import { parseArgs } from '../parse-args.js';
import { DAR_9500F_LABEL } from '../../deid/dar-9500f-preset.js';
import { DEID_PRESETS } from '../../deid/deid-options.js';
import { safePrivateAttributes, type DeidOption } from '@atrium/sdk';
import { DEID_OPTION_NAMES, optionByName } from '../../deid/deid-option-names.js';
import { deidRuleTable } from '../../deid/deid-rule-table.js';
import { conformanceStatement, type ConformanceApp } from '../../derive/conformance-tables.js';
import { PluginRegistry } from '../../plugins/plugin-registry.js';
import { SettingTable } from '../../db/setting-table.js';
import { loadNetworkConfig } from '../../net/config/index.js';
import { mediaConformanceStatement } from '../../media/media-conformance.js';
import { networkConformanceStatement } from '../../net/network-conformance.js';
import { defineCommand, type CliContext } from '../cli-context.js';
import { printTable } from '../print-table.js';
import { UsageError } from '../usage-error.js';

export const conformanceCommand = defineCommand({
  name: 'conformance',
  usage: 'atrium conformance [--app <id>] [--format md|html] | --network | --media | --app deidentify [--option <name>...] [--preset gca-9300r|dar-9500f] [--json]',
  summary: "Print the DICOM Conformance Statement: the apps' derived objects, (--network) the network services, (--media) media interchange, generated from the tables the code runs",
  uses: { registry: PluginRegistry, settings: SettingTable },
  async run(args, ctx, use) {
    const { values } = parseArgs({ args, options: { app: { type: 'string' }, format: { type: 'string', default: 'md' }, option: { type: 'string', multiple: true }, preset: { type: 'string' }, network: { type: 'boolean', default: false }, media: { type: 'boolean', default: false } } });
    if (values.app === 'deidentify') return deidRuleTableOutput(values.option ?? [], values.preset, ctx);
    if (values.media) {
      ctx.out(mediaConformanceStatement());
      return 0;
    }
    if (values.network) {
      ctx.out(networkConformanceStatement(loadNetworkConfig(await use.settings())));
      return 0;
    }
    if (values.format !== 'md' && values.format !== 'html') {
      throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', '--format must be md or html', {});
    }
    const format = values.format;
    const registry = await use.registry();
    const entries = values.app ? [registry.resolveApp(values.app)] : registry.apps();
    const apps: ConformanceApp[] = [];
    for (const entry of entries) {
      const { definition } = await registry.loadApp(entry.qualifiedId);
      const manifest = registry.get(entry.pluginId)?.manifest;
      apps.push({ pluginId: entry.pluginId, version: entry.pluginVersion, app: definition, ...(manifest ? { manifest } : {}) });
    }
    ctx.out(conformanceStatement(apps, format));
    return 0;
  },
});

/**
 * `--app deidentify`: the PS3.15 Table E.1-1 rule table the de-identification engine applies under
 * the options or the preset; with Retain Safe Private, the safe private attributes it keeps
 * (PS3.15 Table E.3.10-1), which "shall be described in the Conformance Statement" (PS3.15 E.3.10).
 */
function deidRuleTableOutput(names: readonly string[], preset: string | undefined, ctx: CliContext): number {
  const options: DeidOption[] = [];
  for (const name of names.flatMap((n) => n.split(','))) {
    const o = optionByName(name);
    if (o === undefined) {
      throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', `unknown --option "${name}"; options: ${[...DEID_OPTION_NAMES.keys()].join(', ')}`, {});
    }
    options.push(o);
  }
  if (preset !== undefined && !(DEID_PRESETS as readonly string[]).includes(preset)) {
    throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', `--preset must be ${DEID_PRESETS.join(' or ')}, not "${preset}"`, { option: '--preset', value: preset });
  }
  if (preset === 'gca-9300r' && options.length > 0) {
    throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', '--preset gca-9300r is not the PS3.15 Basic Profile: --option does not apply to it', {});
  }
  // The dar-9500f preset is the Basic Profile (and its options) with its own UID roots.
  const rows = deidRuleTable(options, preset === 'gca-9300r' ? preset : undefined);
  const note = preset === 'dar-9500f' ? `${DAR_9500F_LABEL}: the rules below; SOP Instance UIDs (and references to them) replaced under <uidRoot>.66, every other UID under <uidRoot>` : undefined;
  const safePrivate = options.includes('retainSafePrivate') ? safePrivateAttributes().map((a) => ({
    tag: `(${hex(a.group, 4)},xx${hex(a.element, 2)})`, creator: a.creator, vr: a.vr, meaning: a.meaning,
  })) : [];
  if (ctx.json) {
    ctx.out(JSON.stringify({ options: names, preset, ...(note ? { note } : {}), rules: rows, ...(safePrivate.length > 0 ? { safePrivate } : {}) }, null, 2));
  } else {
    if (note) ctx.out(`${note}\n`);
    ctx.out(printTable(rows, ['tag', 'keyword', 'basic', 'effective', 'source']));
    if (safePrivate.length > 0) ctx.out(`\nprivate attributes kept (PS3.15 Table E.3.10-1, with their Private Creators; UIDs remapped):\n${printTable(safePrivate, ['tag', 'creator', 'vr', 'meaning'])}`);
  }
  return 0;
}

const hex = (n: number, digits: number): string => n.toString(16).toUpperCase().padStart(digits, '0');
