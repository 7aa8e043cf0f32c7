import { readFileSync } from 'node:fs';
import { AtriumError } from '../errors/atrium-error.js';
import { fileProblem } from '../io/regular-file.js';

/**
 * App parameters from the command line: a JSON file (`--params file.json`, an object)
 * overridden by `--param key=value` pairs (values stay strings; the app's schema converts
 * and validates them).
 */
export function appParams(pairs: readonly string[] = [], file?: string): Record<string, unknown> {
  let params: Record<string, unknown> = {};
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new AtriumError('ATRIUM_ERR_CLI_BAD_PARAMS', `--params ${file} ${fileProblem(e)}: give a JSON file of parameters`, { file });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new AtriumError('ATRIUM_ERR_CLI_BAD_PARAMS', `--params ${file} is not valid JSON (${(e as Error).message})`, { file });
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new AtriumError('ATRIUM_ERR_CLI_BAD_PARAMS', `--params ${file} must hold a JSON object`);
    params = { ...(parsed as Record<string, unknown>) };
  }
  for (const kv of pairs) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new AtriumError('ATRIUM_ERR_CLI_BAD_PARAMS', `--param expects key=value, got "${kv}"`);
    params[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  return params;
}
