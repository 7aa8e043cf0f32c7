import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { scaffoldPlugin } from '../../plugins/scaffold/scaffold-plugin.js';
import type { Command } from '../cli-context.js';

export const pluginCommand: Command = {
  name: 'plugin',
  usage: 'atrium plugin new <name> [--dir <folder>] [--publisher <name>]',
  summary: 'Scaffold a new plugin package that builds and passes its test immediately',
  run(args, ctx) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { dir: { type: 'string' }, publisher: { type: 'string' } } });
    const [verb, name] = positionals;
    if (verb !== 'new' || !name) {
      ctx.err(`usage: ${this.usage}`);
      return 2;
    }
    const dir = resolve(values.dir ?? name);
    const files = scaffoldPlugin({ name, dir, ...(values.publisher ? { publisher: values.publisher } : {}) });
    ctx.out(ctx.json ? JSON.stringify({ dir, files }, null, 2) : `created ${dir}:\n${files.map((f) => `  ${f}`).join('\n')}`);
    return 0;
  },
};
