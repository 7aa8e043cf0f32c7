import { join } from 'node:path';
import { SDK_VERSION } from '@atrium/sdk';

/** What the templates are filled with. */
export interface TemplateValues {
  /** App id and the last part of the plugin id, e.g. `grey-level`. */
  readonly name: string;
  /** First part of the plugin id, e.g. `acme`. */
  readonly publisher: string;
  /** `publisher.name`. */
  readonly pluginId: string;
  /** Human title, e.g. `Grey level`. */
  readonly title: string;
  /** TypeScript identifier of the app, e.g. `greyLevelApp`. */
  readonly appIdentifier: string;
  /** The dependency spec of `@atrium/sdk`, e.g. `file:atrium-sdk-0.1.0.tgz`. */
  readonly sdkDependency: string;
  /** The workstation (repository) whose `npx atrium` runs the plugin. */
  readonly workstation: string;
  /** The folder holding the plugin's folder. */
  readonly parent: string;
  /** True when the host searches {@link parent} for plugins. */
  readonly discovered: boolean;
}

/** The SDK range a new plugin declares: the SDK this host was built with. */
export const SDK_RANGE = `^${SDK_VERSION}`;

/** package.json: the package, its scripts, and the `atrium` manifest (read before any plugin code runs). */
export function packageJsonTemplate(v: TemplateValues): string {
  const pkg = {
    name: `atrium-plugin-${v.name}`,
    version: '0.1.0',
    private: true,
    description: `Atrium plugin ${v.pluginId}: ${v.title}`,
    type: 'module',
    main: 'dist/index.js',
    types: 'dist/index.d.ts',
    files: ['dist', '!dist/**/*.test.*'],
    scripts: { build: 'tsc -p .', test: 'vitest run --dir src' },
    dependencies: { '@atrium/sdk': v.sdkDependency },
    devDependencies: { '@types/node': '^20.19.0', typescript: '5.9', vitest: '4.1' },
    atrium: {
      id: v.pluginId,
      main: 'dist/index.js',
      engines: { sdk: SDK_RANGE },
      capabilities: ['read-series', 'write-derived'],
      apps: [{ id: v.name, title: v.title, input: { minInstances: 1 } }],
      manufacturer: v.publisher,
    },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/** tsconfig.json: self-contained (no parent config), strict, ESM with NodeNext resolution. */
export function tsconfigTemplate(): string {
  const config = {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noUncheckedIndexedAccess: true,
      isolatedModules: true,
      verbatimModuleSyntax: true,
      skipLibCheck: true,
      declaration: true,
      sourceMap: true,
      rootDir: 'src',
      outDir: 'dist',
    },
    include: ['src'],
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** src/index.ts: one app that writes one Secondary Capture image of a constant grey level, and the plugin. */
export function indexTemplate(v: TemplateValues): string {
  return `import { Copied, defineApp, definePlugin, Generated, Removed } from '@atrium/sdk';

/**
 * ${v.title}: writes one Secondary Capture image of a constant grey level for a series.
 * A starting point: replace the body of \`run\` with your computation, keep the contract
 * (read \`input\`, honour \`ctx.signal\`, report \`ctx.progress\`, write through \`ctx.derive\`).
 */
export const ${v.appIdentifier} = defineApp({
  id: '${v.name}',
  title: '${v.title}',
  description: 'Writes one Secondary Capture image of a constant grey level.',
  input: { minInstances: 1 },
  load: {
    Modality: { usage: 'Used', note: 'printed in the image comments' },
  },
  parameters: {
    grey: { type: 'integer', minimum: 0, maximum: 255, default: 128, description: 'grey level of every pixel' },
    size: { type: 'integer', minimum: 16, maximum: 1024, default: 256, description: 'rows and columns of the image' },
  },
  outputs: {
    result: {
      iod: 'secondary-capture-image',
      cardinality: 'N:1',
      description: '${v.title}',
      // Copied: from the sources (only when every source has the same value); Generated: by
      // the host's named generators, or 'Content' (the app's own value); Removed: absent.
      mapping: {
        PatientName: Copied,
        PatientID: Copied,
        PatientBirthDate: Copied,
        PatientSex: Copied,
        StudyInstanceUID: Copied,
        StudyDate: Copied,
        StudyTime: Copied,
        ReferringPhysicianName: Copied,
        StudyID: Copied,
        AccessionNumber: Copied,
        Modality: Copied,
        SeriesInstanceUID: Generated('SeriesInstanceUID'),
        SeriesNumber: Generated('SeriesNumber'),
        SOPInstanceUID: Generated('SOPInstanceUID'),
        InstanceNumber: Generated('InstanceNumber'),
        ConversionType: Generated('ConversionType'),
        BurnedInAnnotation: Generated('BurnedInAnnotation'),
        ImageComments: Generated('Content'),
        PatientComments: Removed,
      },
    },
  },
  async run(ctx, input, params) {
    ctx.signal.throwIfAborted();
    const data = new Uint8Array(params.size * params.size).fill(params.grey);
    const ref = await ctx.derive.write('result', {
      sources: input.instances,
      pixels: { rows: params.size, columns: params.size, samplesPerPixel: 1, bitsAllocated: 8, data },
      content: { ImageComments: \`grey level \${params.grey} for \${input.instances.length} \${input.modality ?? ''} instances\` },
    });
    ctx.progress(1, 'image written');
    return { summary: \`wrote one \${params.size}x\${params.size} image of grey level \${params.grey}\`, data: { sopInstanceUID: ref.sopInstanceUID } };
  },
});

export default definePlugin({ apps: [${v.appIdentifier}] });
`;
}

/** src/index.test.ts: the manifest, the parameters, and \`run\` with a fake context built from SDK types only. */
export function indexTestTemplate(v: TemplateValues): string {
  return `import { readFileSync } from 'node:fs';
import {
  manifestProblems, validateParameters,
  type AppContext, type DerivedObjectRequest, type FrameData, type SourceInstance, type SourceSeries,
} from '@atrium/sdk';
import { describe, expect, it } from 'vitest';
import plugin, { ${v.appIdentifier} } from './index.js';

/** A source instance with a few attributes and one 4×4 frame. */
function fakeInstance(uid: string): SourceInstance {
  const attributes: Record<string, string | number> = { Modality: 'CT', InstanceNumber: Number(uid.slice(-1)) };
  const frame: FrameData = { rows: 4, columns: 4, samplesPerPixel: 1, photometricInterpretation: 'MONOCHROME2', data: new Int16Array(16) };
  return {
    sopInstanceUID: uid,
    sopClassUID: '1.2.840.10008.5.1.4.1.1.2',
    numberOfFrames: 1,
    attribute: (keyword) => attributes[keyword],
    string(keyword) {
      const v = attributes[keyword];
      return v === undefined ? undefined : String(v);
    },
    numbers(keyword) {
      const v = attributes[keyword];
      return typeof v === 'number' ? [v] : [];
    },
    number(keyword) {
      const v = attributes[keyword];
      return typeof v === 'number' ? v : undefined;
    },
    frame: async () => frame,
  };
}

/** A run context whose derive.write captures what the app asks for. */
function fakeContext() {
  const writes: { output: string; request: DerivedObjectRequest }[] = [];
  const progress: number[] = [];
  const ctx: AppContext = {
    derive: {
      async write(output, request) {
        writes.push({ output, request });
        return { output, studyInstanceUID: '2.25.1', seriesInstanceUID: '2.25.2', sopInstanceUID: '2.25.3' };
      },
    },
    progress: (fraction) => void progress.push(fraction),
    log: { info() {}, warn() {}, error() {} },
    signal: new AbortController().signal,
    storage: { get: async () => undefined, set: async () => {}, delete: async () => {} },
    warn() {},
  };
  return { ctx, writes, progress };
}

describe('${v.pluginId}', () => {
  it('has a valid manifest that names the plugin\\'s apps', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(manifestProblems({ version: pkg.version, ...pkg.atrium })).toEqual([]);
    expect(plugin.apps.map((a) => a.id)).toEqual(pkg.atrium.apps.map((a: { id: string }) => a.id));
  });

  it('validates and defaults its parameters', () => {
    expect(validateParameters(${v.appIdentifier}.parameters, {})).toEqual({ grey: 128, size: 256 });
    expect(() => validateParameters(${v.appIdentifier}.parameters, { grey: '300' })).toThrow(/must be at most 255/);
  });

  it('writes one image of the grey level from all the sources', async () => {
    const input: SourceSeries = {
      studyInstanceUID: '2.25.1',
      seriesInstanceUID: '2.25.10',
      modality: 'CT',
      instances: [fakeInstance('2.25.11'), fakeInstance('2.25.12')],
      geometry: undefined,
    };
    const { ctx, writes, progress } = fakeContext();
    const result = await ${v.appIdentifier}.run(ctx, input, validateParameters(${v.appIdentifier}.parameters, { grey: '200', size: '16' }));

    expect(writes).toHaveLength(1);
    const { output, request } = writes[0]!;
    expect(output).toBe('result');
    expect(request.sources).toEqual(input.instances);
    expect(request.content).toEqual({ ImageComments: 'grey level 200 for 2 CT instances' });
    expect([request.pixels?.rows, request.pixels?.columns, request.pixels?.samplesPerPixel, request.pixels?.bitsAllocated]).toEqual([16, 16, 1, 8]);
    expect(request.pixels?.data.length).toBe(256);
    expect([...new Set(request.pixels?.data ?? [])]).toEqual([200]);
    expect(progress.at(-1)).toBe(1);
    expect(result).toEqual({ summary: 'wrote one 16x16 image of grey level 200', data: { sopInstanceUID: '2.25.3' } });
  });
});
`;
}

/** README.md: what the plugin is, and how to build, test and run it (commands that work as written). */
export function readmeTemplate(v: TemplateValues): string {
  const tarball = v.sdkDependency.startsWith('file:') ? v.sdkDependency.slice('file:'.length) : undefined;
  const sdkSource = tarball ? `${tarball}, the SDK packed from the workstation by \`atrium plugin new\`` : `@atrium/sdk ${v.sdkDependency}`;
  const where = v.discovered
    ? `The workstation finds the plugin where it is, in \`${v.parent}\` (a folder it searches for plugins).`
    : `The workstation does not search \`${v.parent}\` for plugins: add it to \`ATRIUM_PLUGIN_PATH\` (\`export ATRIUM_PLUGIN_PATH=${v.parent}\`) or move this folder into \`~/.atrium/plugins\`.`;
  return `# ${v.title}

An Atrium plugin (\`${v.pluginId}\`), written against \`@atrium/sdk\` only.
Its app \`${v.name}\` writes one Secondary Capture image of a constant grey level for a
series — a starting point: replace the body of \`run\` in \`src/index.ts\` with your computation.

> Not for clinical use.

## Layout

\`\`\`
package.json        the package, and its "atrium" manifest (id, engines.sdk, capabilities, apps)
tsconfig.json       strict TypeScript, ESM (NodeNext)
src/index.ts        the app (defineApp) and the plugin (definePlugin, the default export)
src/index.test.ts   tests: manifest, parameters, run with a fake context
${tarball ? `${`${tarball}  `.padEnd(20)}the SDK this plugin builds against (not published on a registry)\n` : ''}\`\`\`

## Build and test

\`\`\`sh
npm install             # ${sdkSource}; TypeScript and vitest
npm run build           # tsc → dist/ (the manifest's main is dist/index.js)
npm test                # vitest: the manifest, the parameters, run with a fake context
\`\`\`

## Run it in the workstation

${where} Once built, from the workstation's folder:

\`\`\`sh
cd ${v.workstation}
npx atrium apps                    # lists ${v.pluginId}.${v.name}
npx atrium run ${v.name} --series <SeriesInstanceUID> --param grey=200
\`\`\`

The host checks the manifest and \`engines.sdk\` (${SDK_RANGE}) before running any plugin code, and
runs the app in a worker thread. After the workstation's SDK changes, pack it again
(\`npm pack ${join(v.workstation, 'sdk')}\`) and \`npm install\` the new tarball.
`;
}

/** .gitignore of the new package. */
export function gitignoreTemplate(): string {
  return 'node_modules/\ndist/\n';
}
