import { join } from 'node:path';
import { SDK_VERSION } from '@atrium/sdk';

/** How a new plugin gets the workstation's packages: a dependency spec each (e.g. `file:atrium-sdk-0.1.0.tgz`). */
export interface PackageSpecs {
  /** `@atrium/sdk`, the one package the plugin's code imports. */
  readonly sdk: string;
  /** `@atrium/host`, whose engine the test kit runs (a dev dependency). */
  readonly host: string;
  /** `@atrium/testing`, the test kit (a dev dependency). */
  readonly testing: string;
}

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
  /** The dependency specs of the workstation's packages. */
  readonly packages: PackageSpecs;
  /** The workstation (repository) whose `npx atrium` runs the plugin. */
  readonly workstation: string;
  /** The folder holding the plugin's folder. */
  readonly parent: string;
  /** True when the host searches {@link parent} for plugins. */
  readonly discovered: boolean;
}

/** The SDK range a new plugin declares: the SDK this host was built with. */
export const SDK_RANGE = `^${SDK_VERSION}`;

/**
 * package.json: the package, its scripts, and the `atrium` manifest (read before any plugin code
 * runs: the one source of the app's title, input and output). The kit runs the workstation's
 * engine, so `@atrium/host` is a dev dependency too; `overrides` make the kit use the packed
 * copies, and `allowScripts` skips the native build of the store's SQLite driver, which the
 * engine does not load (npm 11 honours it; older npm builds it, more slowly), and answers npm 11
 * for the other install scripts of the dependency tree (none is needed to build and test: vitest
 * finds esbuild's platform binary without its postinstall check), as the workstation's own
 * package.json does, so that `npm install` does not ask a new author to review them.
 */
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
    scripts: { build: 'tsc -p .', test: 'vitest run --dir src', 'golden:update': 'ATRIUM_UPDATE_GOLDEN=1 vitest run --dir src' },
    dependencies: { '@atrium/sdk': v.packages.sdk },
    devDependencies: { '@atrium/host': v.packages.host, '@atrium/testing': v.packages.testing, '@types/node': '^20.19.0', typescript: '5.9', vitest: '4.1' },
    overrides: { '@atrium/host': '$@atrium/host', '@atrium/sdk': '$@atrium/sdk' },
    allowScripts: { 'better-sqlite3': false, 'core-js-pure': false, esbuild: false, protobufjs: false },
    atrium: {
      id: v.pluginId,
      main: 'dist/index.js',
      engines: { sdk: SDK_RANGE },
      capabilities: ['read-series', 'write-derived'],
      apps: [{
        id: v.name,
        title: v.title,
        description: 'Writes one Secondary Capture image of a constant grey level for a series.',
        input: { minInstances: 1 },
        outputs: { result: { iod: 'secondary-capture-image', cardinality: 'N:1', description: v.title } },
      }],
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

/** README.md: what the plugin is, and how to build, test and run it (commands that work as written). */
export function readmeTemplate(v: TemplateValues): string {
  const packed = Object.values(v.packages).filter((spec) => spec.startsWith('file:')).map((spec) => spec.slice('file:'.length));
  const packages = packed.length > 0 ? `${packed.join(', ')}: the SDK, the host and the test kit packed from the workstation by \`atrium plugin new\`` : 'the workstation\'s @atrium/sdk, @atrium/host and @atrium/testing';
  const where = v.discovered
    ? `The workstation finds the plugin where it is, in \`${v.parent}\` (a folder it searches for plugins).`
    : `The workstation does not search \`${v.parent}\` for plugins: add it to \`ATRIUM_PLUGIN_PATH\` (\`export ATRIUM_PLUGIN_PATH=${v.parent}\`) or move this folder into \`~/.atrium/plugins\`.`;
  return `# ${v.title}

An Atrium plugin (\`${v.pluginId}\`): its code imports \`@atrium/sdk\` only; its tests use the test
kit \`@atrium/testing\`. Its app \`${v.name}\` writes one Secondary Capture image of a constant grey
level for a series — a starting point: replace \`src/grey-image.ts\` and the body of \`run\` in
\`src/index.ts\` with your computation.

> Not for clinical use.

## Layout

\`\`\`
package.json          the package, and its "atrium" manifest: id, engines.sdk, capabilities, and the
                      app's title, input series and output (IOD, cardinality, Series Description)
tsconfig.json         strict TypeScript, ESM (NodeNext)
src/grey-image.ts     the pure algorithm: numbers in, pixels out
src/grey-image.test.ts  its unit test
src/index.ts          the app's code (defineApp: load, parameters, the output's mapping, run) and the plugin
src/index.test.ts     the app run by the test kit on the workstation's engine, and its golden file
golden/result.json    the derived object, normalised (written by the first npm test: commit it)
${packed.map((t) => `${t.padEnd(Math.max(22, t.length + 2))}packed from the workstation (not published on a registry)\n`).join('')}\`\`\`

## Build and test

\`\`\`sh
npm install             # ${packages}; TypeScript and vitest
npm run build           # tsc → dist/ (the manifest's main is dist/index.js)
npm test                # vitest: the pure algorithm, and the app on the workstation's engine in process
\`\`\`

The kit loads the plugin as the workstation does (the manifest against its schema, the code against
the manifest), runs the app on DICOM files it writes (\`testSeries\`), validates the parameters, and
gives back each derived object as the store would receive it, checked by dicom3tools' dciodvfy when
it is installed (required with \`CI=true\`). \`expectDerivedToMatchGolden\` compares the object with
\`golden/result.json\` (UIDs, the run's dates and times and the pixel data normalised): the first
\`npm test\` writes it — review and commit it; after an intended change, \`npm run golden:update\`
rewrites it. Under \`CI=true\` a missing golden file fails.

## Run it in the workstation

${where} Once built, from the workstation's folder:

\`\`\`sh
cd ${v.workstation}
npx atrium apps                    # lists ${v.pluginId}.${v.name}
npx atrium run ${v.name} --series <SeriesInstanceUID> --param grey=200
\`\`\`

The host checks the manifest and \`engines.sdk\` (${SDK_RANGE}) before running any plugin code, and
runs the app in a worker thread. After the workstation changes, pack its packages again
(\`npm pack ${['sdk', 'host', 'testing'].map((p) => join(v.workstation, p)).join(' ')}\`) and \`npm install\`.
`;
}

/** .gitignore of the new package. */
export function gitignoreTemplate(): string {
  return 'node_modules/\ndist/\n';
}
