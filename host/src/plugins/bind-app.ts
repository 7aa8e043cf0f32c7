import type { AppDefinition, ManifestApp, OutputDefinition } from '@atrium/sdk';
import { AtriumError } from '../errors/atrium-error.js';
import { PluginErrorCode } from './plugin-problem.js';

/**
 * An app as the host runs it: what the manifest declares (title, description, input series
 * selector, outputs) joined with what its code defines (load specification, parameters, a
 * mapping table and the private blocks per output, run).
 */
export interface BoundApp extends Omit<AppDefinition, 'outputs'> {
  readonly title: string;
  readonly description?: string;
  readonly input: ManifestApp['input'];
  readonly outputs: Readonly<Record<string, OutputDefinition>>;
}

/** Fields the manifest alone declares: present in the code, they would be a second source. */
const DECLARED_APP_FIELDS = ['title', 'description', 'input'] as const;
const DECLARED_OUTPUT_FIELDS = ['iod', 'cardinality', 'description', 'derivationDescription', 'derivationCode'] as const;

/**
 * What differs between the manifest's app `apps[index]` and the code's definition of it, each
 * problem naming the field: a field the manifest alone declares given in the code too, an output
 * declared without a mapping table or mapped without being declared. [] when they agree.
 */
export function bindingProblems(declared: ManifestApp, defined: AppDefinition, index: number): string[] {
  const at = `apps[${index}]`;
  const problems: string[] = [];
  const code = defined as unknown as Record<string, unknown>;
  for (const field of DECLARED_APP_FIELDS) {
    if (code[field] !== undefined) problems.push(`${at}.${field} is given in defineApp "${defined.id}": the manifest (package.json "atrium".${at}.${field}) is its one source; remove it from the code`);
  }
  const declaredOutputs = declared.outputs ?? {};
  const definedOutputs = (typeof defined.outputs === 'object' && defined.outputs !== null ? defined.outputs : {}) as Readonly<Record<string, unknown>>;
  for (const name of Object.keys(declaredOutputs)) {
    const mapping = (definedOutputs[name] as { mapping?: unknown } | undefined)?.mapping;
    if (definedOutputs[name] === undefined) problems.push(`${at}.outputs.${name} is declared in the manifest, but defineApp "${defined.id}" gives it no mapping table (outputs.${name}.mapping)`);
    else if (typeof mapping !== 'object' || mapping === null) problems.push(`${at}.outputs.${name}.mapping is missing in defineApp "${defined.id}": a mapping table (Copied / Generated / Removed) is required`);
  }
  for (const [name, output] of Object.entries(definedOutputs)) {
    if (!(name in declaredOutputs)) {
      problems.push(`${at}.outputs.${name} is mapped by defineApp "${defined.id}" but not declared in the manifest: add it to package.json "atrium".${at}.outputs (iod, cardinality, description)`);
      continue;
    }
    for (const field of DECLARED_OUTPUT_FIELDS) {
      if ((output as Record<string, unknown>)?.[field] !== undefined) problems.push(`${at}.outputs.${name}.${field} is given in defineApp "${defined.id}": the manifest (package.json "atrium".${at}.outputs.${name}.${field}) is its one source; remove it from the code`);
    }
  }
  return problems;
}

/**
 * Join the manifest's app and its code's definition into the app the host runs.
 * @throws AtriumError `ATRIUM_ERR_PLUGIN_APPS_MISMATCH` listing every {@link bindingProblems} finding.
 */
export function bindApp(pluginId: string, declared: ManifestApp, defined: AppDefinition, index: number): BoundApp {
  const problems = bindingProblems(declared, defined, index);
  if (problems.length > 0) {
    throw new AtriumError(PluginErrorCode.APPS_MISMATCH, `plugin ${pluginId}: the code of app "${declared.id}" does not match its manifest: ${problems.join('; ')}`, { pluginId, app: declared.id, problems });
  }
  const outputs: Record<string, OutputDefinition> = {};
  for (const [name, output] of Object.entries(declared.outputs ?? {})) {
    const { mapping, privateBlocks, notes, remarks } = defined.outputs[name]!;
    outputs[name] = Object.freeze({
      ...output, mapping, ...(privateBlocks === undefined ? {} : { privateBlocks }), ...(notes === undefined ? {} : { notes }), ...(remarks === undefined ? {} : { remarks }),
    });
  }
  return Object.freeze({
    id: defined.id,
    title: declared.title,
    ...(declared.description === undefined ? {} : { description: declared.description }),
    input: declared.input,
    load: defined.load,
    parameters: defined.parameters,
    outputs: Object.freeze(outputs),
    run: defined.run.bind(defined),
  });
}
