import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempFileName, tempFileOwner } from '../core/temp-file-name.js';
import type { HostDatabase } from './host-database.js';
import { HostLiveness, hostTimeoutMs } from './host-liveness.js';
import { openDatabase } from './open-database.js';

let db: HostDatabase;
let now: number;
let liveness: HostLiveness;
beforeEach(() => {
  db = openDatabase(':memory:');
  now = 1_000_000;
  liveness = new HostLiveness(db.heartbeats, () => 60_000, { host: 'here', pid: process.pid }, () => now);
});
afterEach(() => db.close());

describe('HostLiveness', () => {
  it('a process of another host is alive while its last beat is younger than the timeout, dead from then on', () => {
    db.heartbeats.beat('there', 4242, now);
    expect(liveness.mayBeWriting({ host: 'there', pid: 4242 })).toBe(true);
    now += 59_999;
    expect(liveness.mayBeWriting({ host: 'there', pid: 4242 })).toBe(true);
    now += 1;
    expect(liveness.mayBeWriting({ host: 'there', pid: 4242 })).toBe(false);
  });

  it('a process of another host with no heartbeat, or with no process id recorded, is dead', () => {
    db.heartbeats.beat('there', 4242, now);
    expect(liveness.mayBeWriting({ host: 'there', pid: 4243 })).toBe(false);
    expect(liveness.mayBeWriting({ host: 'elsewhere', pid: 4242 })).toBe(false);
    expect(liveness.mayBeWriting({ host: 'there' })).toBe(false);
  });

  it('on this host the operating system decides, whatever the heartbeats say: this process and a gone one are not writing', () => {
    db.heartbeats.beat('here', 2 ** 22 + 1, now); // a pid above Linux's pid_max: gone
    expect(liveness.mayBeWriting({ host: 'here', pid: 2 ** 22 + 1 })).toBe(false);
    expect(liveness.mayBeWriting({ host: 'here', pid: process.pid })).toBe(false);
    expect(liveness.mayBeWriting({ host: 'here', pid: process.ppid })).toBe(true);
    expect(liveness.mayBeWriting({ pid: process.ppid })).toBe(true); // written before hosts were recorded: this host's
  });

  it('touch beats only when the last beat is older than a sixth of the timeout; stop removes the row; pruneDead removes the dead', () => {
    liveness.touch();
    expect(db.heartbeats.get('here', process.pid)).toMatchObject({ startedAt: now, beatAt: now });
    now += 9_000;
    liveness.touch();
    expect(db.heartbeats.get('here', process.pid)?.beatAt).toBe(1_000_000);
    now += 1_000;
    liveness.touch();
    expect(db.heartbeats.get('here', process.pid)).toMatchObject({ startedAt: 1_000_000, beatAt: now });
    db.heartbeats.beat('there', 1, now - 60_000);
    db.heartbeats.beat('there', 2, now - 59_000);
    expect(liveness.pruneDead().map((b) => `${b.hostId} ${b.pid}`)).toEqual(['there 1']);
    liveness.stop();
    expect(db.heartbeats.list().filter((b) => b.hostId !== db.liveness.self.host).map((b) => `${b.hostId} ${b.pid}`)).toEqual(['there 2']);
  });

  it('two databases open in one process share its row: closing one leaves it, closing the last removes it', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'atrium-liveness-')), 'index.sqlite');
    const first = openDatabase(file);
    const second = openDatabase(file);
    const mine = (): number => first.heartbeats.list().filter((b) => b.hostId === first.liveness.self.host && b.pid === process.pid).length;
    expect(mine()).toBe(1);
    second.close();
    expect(mine()).toBe(1);
    const third = openDatabase(file);
    third.close();
    expect(mine()).toBe(1);
    first.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare('SELECT count(*) AS n FROM host_heartbeat WHERE pid = ?').get(process.pid)).toEqual({ n: 0 });
    raw.close();
    rmSync(dirname(file), { recursive: true, force: true });
  });

  it('opening the database starts this process\'s heartbeat; the timeout is the store setting hostTimeout', () => {
    expect(db.heartbeats.list().some((b) => b.pid === process.pid)).toBe(true);
    expect(hostTimeoutMs(db.settings)).toBe(60_000);
    db.settings.set('store.hostTimeout', '5');
    expect(hostTimeoutMs(db.settings)).toBe(5_000);
  });
});

describe('temp file names', () => {
  it('name their host and process', () => {
    expect(tempFileOwner(tempFileName())).toMatchObject({ pid: process.pid, host: expect.any(String) });
    expect(tempFileOwner(`${encodeURIComponent('node-1/rack@2')}@77-abc.part`)).toEqual({ host: 'node-1/rack@2', pid: 77 });
    expect(tempFileOwner('123-abc.part')).toEqual({ pid: 123 }); // earlier versions: this host's
    expect(tempFileOwner('junk')).toEqual({});
  });
});
