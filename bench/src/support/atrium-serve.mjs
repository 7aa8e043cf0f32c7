// `atrium serve` (the compiled CLI, host/bin/atrium.js) as a benchmarked SCP.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { track } from './child-processes.mjs';

/**
 * The Node options on the first line of the `atrium` command (`#!/usr/bin/env -S node <options>`):
 * what a user's `atrium serve` runs with, given to `node` here as the command runs through it.
 * @param {string} atriumBin path of host/bin/atrium.js
 * @returns {string[]}
 */
export function atriumNodeOptions(atriumBin) {
  const first = readFileSync(atriumBin, 'utf8').split('\n', 1)[0] ?? '';
  const m = /^#!\S*env -S node((?: --?[\w-]+(?:=\S+)?)*)\s*$/.exec(first);
  return m ? m[1].trim().split(/\s+/).filter(Boolean) : [];
}

/**
 * Why `atrium serve` cannot be benchmarked, or undefined when it can.
 * @param {string} atriumBin path of host/bin/atrium.js
 * @returns {string | undefined}
 */
export function atriumServeProblem(atriumBin) {
  const r = spawnSync(process.execPath, [atriumBin, 'serve', '--help'], { encoding: 'utf8' });
  // `--help` of an unknown command prints the global help (exit 0), of a known one its usage.
  if (r.status !== 0 || !/^usage: atrium serve/m.test(r.stdout)) return '`atrium serve` is not a known command yet (host/bin/atrium.js serve --help)';
  return undefined;
}

/**
 * Start `atrium --store <store> serve --port <port> --aet ATRIUM` (tracked) and wait until it
 * prints "listening"; rejects if it exits first or is silent for `timeoutMs`.
 * @param {{ atriumBin: string, store: string, port: number, timeoutMs: number }} options
 * @returns {Promise<import('node:child_process').ChildProcess>} the running server
 */
export async function startAtriumServe({ atriumBin, store, port, timeoutMs }) {
  const child = track(spawn(process.execPath, [...atriumNodeOptions(atriumBin), atriumBin, '--store', store, 'serve', '--port', String(port), '--bind', '127.0.0.1', '--aet', 'ATRIUM'], { stdio: ['ignore', 'pipe', 'pipe'] }));
  let log = '';
  const keep = (chunk) => {
    log = (log + chunk).slice(-20_000);
  };
  child.stderr.on('data', keep);
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`atrium serve did not print "listening" within ${timeoutMs / 1000} s: ${log}`)), timeoutMs);
    child.stdout.on('data', (chunk) => {
      keep(chunk);
      if (log.includes('listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`atrium serve exited (${code}) before listening: ${log}`));
    });
  });
  return child;
}
