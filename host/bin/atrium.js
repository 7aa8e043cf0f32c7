#!/usr/bin/env node
// The `atrium` command: runs the compiled CLI (built by `npm install` via the root `prepare` script).
import { main } from '../dist/cli/main.js';

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
