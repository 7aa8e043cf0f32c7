import { parseArgs } from 'node:util';

/**
 * Parse the command line of a benchmark over a synthetic series: `--slices` (300),
 * `--size` (rows = columns, 512), `--reps` (5), each a positive whole number, plus `extra`
 * options of the script. Throws on an unknown option or a bad number.
 * @param {import('node:util').ParseArgsConfig['options']} [extra] further options (parseArgs form)
 * @returns {{ slices: number, size: number, reps: number, args: Record<string, string | boolean | undefined> }}
 *   the three numbers and every parsed value (`args`, for the extra options)
 */
export function parseSeriesArgs(extra = {}) {
  const { values: args } = parseArgs({
    options: {
      slices: { type: 'string', default: '300' },
      size: { type: 'string', default: '512' },
      reps: { type: 'string', default: '5' },
      ...extra,
    },
  });
  const slices = Number(args.slices);
  const size = Number(args.size);
  const reps = Number(args.reps);
  for (const [name, v] of [['slices', slices], ['size', size], ['reps', reps]]) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive whole number`);
  }
  return { slices, size, reps, args };
}
