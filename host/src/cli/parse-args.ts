import { parseArgs as nodeParseArgs, type ParseArgsConfig } from 'node:util';
import { closestName } from '@atrium/sdk/core';
import { UsageError } from './usage-error.js';

type Config = ParseArgsConfig & { readonly args: string[]; readonly options: NonNullable<ParseArgsConfig['options']> };

/** `--name` or `-n`: the spelling of an option as typed. */
const optionOf = (arg: string): string => (arg.startsWith('--') ? arg.replace(/=.*$/s, '') : arg.slice(0, 2));

/**
 * A negative number after an option that takes a value is that value (`--limit -1`), not an
 * option: node's parser would call it ambiguous; the option's own check then refuses it by name.
 */
function joinNegativeValues(args: readonly string[], options: Config['options']): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return [...out, ...args.slice(i)];
    const spec = a.startsWith('--') && !a.includes('=') ? options[a.slice(2)] : undefined;
    const next = args[i + 1];
    if (spec?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** The option a parse error is about: the first argument the options do not take as typed. */
function offending(args: readonly string[], options: Config['options']): { arg: string; known: boolean } | undefined {
  const byShort = new Map<string, string>(Object.entries(options).flatMap(([name, o]) => (o.short ? [[`-${o.short}`, name] as const] : [])));
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return undefined;
    if (!a.startsWith('-') || a === '-') continue;
    const option = optionOf(a);
    const name = option.startsWith('--') ? option.slice(2) : byShort.get(option);
    const spec = name === undefined ? undefined : options[name];
    if (spec === undefined) return { arg: option, known: false };
    if (spec.type === 'string' && !a.includes('=')) {
      const value = args[i + 1];
      if (value === undefined || value.startsWith('-')) return { arg: option, known: true };
      i++;
    }
    if (spec.type === 'boolean' && a.includes('=')) return { arg: option, known: true };
  }
  return undefined;
}

/**
 * `util.parseArgs` for the CLI's commands: the same configuration and result, but a command line
 * it refuses is a {@link UsageError} (`ATRIUM_ERR_CLI_BAD_OPTION`, exit 2, JSON under `--json`)
 * that names the option in the user's words — `unknown option --modalty (did you mean
 * --modality?)`, `--out needs a value`, `--json takes no value` — never the parser's own text.
 * A negative number after an option that takes a value is its value (`--limit -1`).
 */
export function parseArgs<const T extends Config>(config: T): ReturnType<typeof nodeParseArgs<T>> {
  const args = joinNegativeValues(config.args, config.options);
  try {
    return nodeParseArgs({ ...config, args });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS_')) throw e;
    const names = Object.keys(config.options).map((n) => `--${n}`);
    const bad = offending(args, config.options);
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new UsageError('ATRIUM_ERR_CLI_USAGE', `unexpected argument ${JSON.stringify(args.find((a) => !a.startsWith('-')) ?? '')}`, {});
    if (bad === undefined) throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', (e as Error).message.replace(/\s+/g, ' '), {});
    if (!bad.known) {
      const near = closestName(bad.arg, names);
      const known = names.length > 0 ? `; options: ${names.join(', ')}` : '; it takes no options';
      throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', `unknown option ${bad.arg}${near ? ` (did you mean ${near}?)` : known}`, { option: bad.arg, ...(near ? { suggestion: near } : {}) });
    }
    const spec = config.options[bad.arg.startsWith('--') ? bad.arg.slice(2) : ''];
    throw new UsageError('ATRIUM_ERR_CLI_BAD_OPTION', spec?.type === 'boolean' ? `${bad.arg} takes no value` : `${bad.arg} needs a value`, { option: bad.arg });
  }
}
