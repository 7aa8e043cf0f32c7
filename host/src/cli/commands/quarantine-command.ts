import { defineCommand } from '../cli-context.js';
import { parseArgs } from '../parse-args.js';
import { printTable } from '../print-table.js';
import { Index } from '../../db/dicom-index.js';

export const quarantineCommand = defineCommand({
  name: 'quarantine',
  usage: 'atrium quarantine',
  summary: 'List objects that were refused or set aside, with the reason and where their bytes are kept',
  uses: { index: Index },
  async run(args, ctx, use) {
    parseArgs({ args, options: {} });
    const rows = (await use.index()).listQuarantine();
    if (ctx.json) ctx.out(JSON.stringify(rows, null, 2));
    else ctx.out(rows.length === 0 ? '(quarantine is empty)' : printTable(rows.map((r) => ({ ...r, reason: r.reason.length > 100 ? `${r.reason.slice(0, 99)}…` : r.reason })), ['id', 'receivedAt', 'reasonCode', 'path', 'reason']));
    return 0;
  },
});
