#!/usr/bin/env -S node --initial-old-space-size=256
// The `atrium` command: runs the compiled CLI (built by `npm install` via the root `prepare` script).
import { readFileSync, statSync } from 'node:fs';

// Node's option on the first line: a receiver's socket reads (a new buffer each, outside V8's
// heap) make V8 start a full collection every few dozen objects while its old generation is
// small; a larger initial old generation lets the C-STORE SCP and an import run with few (a warm
// `atrium serve` receiving 512² CT slices, run alternately with and without it: about a fifth
// less CPU per object, all of it in V8's background marking). It costs nothing until used: the
// heap grows only with what a command allocates.
// Files are made durable in groups (fdatasync of each file of a group at once on libuv's
// thread pool, so the file system commits its journal once for many): a pool wider than
// libuv's default of 4 lets a group's syncs run together. Read by libuv at its first use.
process.env.UV_THREADPOOL_SIZE ??= '16';

// The CLI's modules bundled into a few chunks (host/dist-bundle/, made by `npm run build` after
// `tsc -b`: tools/bundle-cli.mjs) start faster than host/dist's many modules. Used only when its
// stamp still matches the tsc output it was built from (host/tsconfig.tsbuildinfo, rewritten by
// every `tsc -b` that emits): after a `tsc -b` alone this runs host/dist, correct and slower.
// ATRIUM_CLI_UNBUNDLED=1 always runs host/dist.
const { main } = await import(bundleIsFresh() ? '../dist-bundle/main.js' : '../dist/cli/main.js');

// A closed pipe (`atrium ls ... | head`) ends output quietly, as other command-line tools do.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(e);
    process.exitCode = 70;
  },
);

/**
 * Whether host/dist-bundle was built from the host/dist there is now (its stamp: size and mtime of
 * the tsc build info), and host/dist is there (the bundle's workers and pages are its files).
 */
function bundleIsFresh() {
  if (process.env.ATRIUM_CLI_UNBUNDLED === '1') return false;
  try {
    statSync(new URL('../dist/cli/main.js', import.meta.url));
    const info = statSync(new URL('../tsconfig.tsbuildinfo', import.meta.url));
    return readFileSync(new URL('../dist-bundle/stamp', import.meta.url), 'utf8') === `${info.size} ${info.mtimeMs}\n`;
  } catch {
    return false; // no bundle, no stamp, or no build info (an installed package): host/dist
  }
}
