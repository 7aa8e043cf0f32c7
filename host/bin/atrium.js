#!/usr/bin/env node
// The `atrium` command: runs the compiled CLI (built by `npm install` via the root `prepare` script).
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(e);
    process.exitCode = 70;
  },
);
