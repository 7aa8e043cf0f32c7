// One "host" of a store shared by several (its id from ATRIUM_HOST_ID), for the multi-host
// reconcile tests (run with `node --import ts-register.mjs store-host-child.mjs <mode> <store> [uid root]`).
//   hold       opens the store and leaves a store in progress, as a crash between placing the
//              file and indexing it would, but alive (beating): a temp file of its own in tmp/,
//              and an instance file placed under files/ with its intent recorded, not indexed.
//              Prints {tmp, path, pid}, then waits until killed.
//   reconcile  opens the store (the start-up reconcile runs) and prints what it did, the intents
//              left, whether <uid root>'s instance is indexed and the heartbeats, then closes.
//   full       the same after a full pass (as `atrium reconcile --full`), whose report it prints.
import { basename } from 'node:path';
import { openWorkstation } from '../open-workstation.js';
import { reconcileStore } from '../reconcile-store.js';
import { encodeDataset, FIXTURE_EXPLICIT_LE, minimalInstance, part10 } from '../../../../test/support/dicom-fixture.js';

const [mode, root, uidRoot = '2.25.880011'] = process.argv.slice(2);
const print = (v) => process.stdout.write(JSON.stringify(v) + '\n');
const ws = openWorkstation(root);

if (mode === 'hold') {
  const bytes = part10(encodeDataset(minimalInstance(uidRoot), FIXTURE_EXPLICIT_LE), {
    transferSyntaxUID: '1.2.840.10008.1.2.1',
    sopClassUID: '1.2.840.10008.5.1.4.1.1.7',
    sopInstanceUID: `${uidRoot}.3`,
  });
  const tmp = ws.files.writeTemp(bytes); // a second store still being written
  const path = ws.files.instancePath(`${uidRoot}.1`, `${uidRoot}.2`, `${uidRoot}.3`);
  ws.intents.begin(path);
  ws.files.place(ws.files.writeTemp(bytes), path);
  print({ tmp: basename(tmp), path, pid: process.pid });
  setInterval(() => {}, 60_000); // alive (its heartbeat timer does not hold the process) until killed
} else if (mode === 'reconcile' || mode === 'full') {
  const { tmpRemoved, recovered, dropped, unreadable } = mode === 'full' ? reconcileStore(ws.files, ws.index, ws.intents, true) : ws.startup;
  print({
    tmpRemoved,
    recovered,
    dropped,
    unreadable,
    intents: ws.database.intents.list(),
    indexed: ws.index.getInstances({ SOPInstanceUID: `${uidRoot}.3` }).length,
    heartbeats: ws.database.heartbeats.list().map((b) => `${b.hostId} ${b.pid}`),
  });
  ws.close();
} else {
  throw new Error(`unknown mode ${mode}`);
}
