import { parseArgs } from '../parse-args.js';
import { scaffoldPlugin } from '../../plugins/scaffold/scaffold-plugin.js';
import { defineCommand } from '../cli-context.js';
import { UsageError } from '../usage-error.js';

export const pluginCommand = defineCommand({
  name: 'plugin',
  usage: 'atrium plugin new <name> [--dir <folder>] [--publisher <name>]',
  summary: 'Scaffold a new plugin package (default: ~/.atrium/plugins/<name>, or the first folder of $ATRIUM_PLUGIN_PATH) that installs, builds and passes its tests with the SDK and the test kit packed next to it',
  uses: {},
  run(args, ctx) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { dir: { type: 'string' }, publisher: { type: 'string' } } });
    const [verb, name, extra] = positionals;
    if (verb !== 'new' || !name || extra !== undefined) {
      throw new UsageError('ATRIUM_ERR_CLI_USAGE', 'missing or extra arguments', {});
    }
    const made = scaffoldPlugin({ name, ...(values.dir !== undefined ? { dir: values.dir } : {}), ...(values.publisher ? { publisher: values.publisher } : {}) });
    if (ctx.json) {
      ctx.out(JSON.stringify(made, null, 2));
      return 0;
    }
    ctx.out(`created ${made.dir}:\n${made.files.map((f) => `  ${f}`).join('\n')}`);
    ctx.out(`\nnext:\n  cd ${made.dir}\n  npm install && npm run build && npm test`);
    ctx.out(made.discovered
      ? '  then `npx atrium apps` (in the workstation\'s folder) lists it'
      : `  the workstation does not search ${made.dir}'s folder for plugins: add it to ATRIUM_PLUGIN_PATH, or create the plugin in ~/.atrium/plugins`);
    return 0;
  },
});
