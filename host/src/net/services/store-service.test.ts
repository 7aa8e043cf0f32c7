/**
 * The Storage SCP from the sender's side, over a real association on loopback into a real
 * store: a C-STORE request whose Affected SOP Class / Instance UID cannot name an object
 * is refused with A900 and its data set kept in quarantine (the association goes on), and
 * the free space check before anything is built uses the store's own `minFreeBytes`.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SopClass, Tag } from '@atrium/sdk';
import { readSample } from '../../../../test/support/samples.js';
import { makeTempDir, removeTempDir } from '../../../../test/support/temp-dir.js';
import { parseDicom } from '../../io/parse-part10.js';
import type { StoreOutcome } from '../../store/store-outcome.js';
import { setStoreSetting } from '../../store/store-settings.js';
import { openWorkstation, type Workstation } from '../../store/open-workstation.js';
import { CommandField, type DimseCommand } from '../dimse/dimse-command.js';
import { DicomServer } from '../scp/dicom-server.js';
import { openScu, type ScuSession } from '../scu/open-scu.js';
import { storeService } from './store-service.js';

const MR = parseDicom(readSample('mr/MR_small.dcm'));
const MR_SOP = '1.3.6.1.4.1.5962.1.1.4.1.1.20040826185059.5457';
const MR_DATASET = MR.datasetBytes;
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

let dir: string;
let ws: Workstation;
let server: DicomServer;
let port: number;
const outcomes: StoreOutcome[] = [];

/** Opens the store in `dir` (its settings read anew) with `free` bytes free, and an SCP on it (the organisation `uidRoot` given to its Storage SCP). */
async function start(free?: number, uidRoot?: string): Promise<void> {
  ws = openWorkstation(dir);
  if (free !== undefined) ws.files.freeBytes = () => free;
  server = new DicomServer({
    aeTitle: 'ATRIUM', port: 0, bindAddress: '127.0.0.1', maxPduLength: 32768, associationTimeoutMs: 3000, idleTimeoutMs: 10_000, maxAssociations: 2,
    acceptUnknownCallingAe: true, acceptUnknownHosts: true, acceptUnknownQueryRetrieve: false,
    services: [storeService({ store: ws.store, onStored: (o) => outcomes.push(o), ...(uidRoot ? { uidRoot } : {}) })],
  });
  port = await server.listen();
}

async function stop(): Promise<void> {
  await server.close(1000);
  ws.close();
}

beforeEach(() => {
  dir = makeTempDir('atrium-store-service-');
  outcomes.length = 0;
});
afterEach(async () => {
  await stop();
  removeTempDir(dir);
});

/** One association proposing MR Image Storage in the sample's transfer syntax. */
async function associate(): Promise<{ session: ScuSession; send(AffectedSOPClassUID: string, AffectedSOPInstanceUID: string): Promise<DimseCommand> }> {
  const settings = { aeTitle: 'SENDER', maxPduLength: 32768, connectTimeoutMs: 3000, associationTimeoutMs: 3000, dimseTimeoutMs: 10_000 };
  const session = await openScu(settings, { title: 'ATRIUM', host: '127.0.0.1', port }, [{ abstractSyntax: SopClass.MRImageStorage, transferSyntaxes: [MR.transferSyntax.uid] }]);
  const context = session.connection.association.contextFor(SopClass.MRImageStorage)!;
  return {
    session,
    send: async (AffectedSOPClassUID, AffectedSOPInstanceUID) =>
      (await session.connection.requestOnce(context.id, { CommandField: CommandField.CStoreRq, AffectedSOPClassUID, AffectedSOPInstanceUID, Priority: 0 }, MR_DATASET)).command,
  };
}

describe('storeService: the Affected SOP UIDs of the request', () => {
  it.each([
    ['empty Affected SOP Instance UID', SopClass.MRImageStorage, '', 'Affected SOP Instance UID (0000,1000) of the C-STORE request is empty'],
    ['Affected SOP Instance UID that is a path', SopClass.MRImageStorage, '../../1.2.3', 'Affected SOP Instance UID (0000,1000) of the C-STORE request is not a valid UID ("../../1.2.3"): only digits and dots are allowed'],
    ['Affected SOP Class UID with an empty component', '1.2..840', MR_SOP, 'Affected SOP Class UID (0000,0002) of the C-STORE request is not a valid UID ("1.2..840"): a component is empty'],
  ])('%s: A900 with Error Comment, the data set kept in quarantine, nothing stored, the next C-STORE stored', async (_, sopClass, sopInstance, reason) => {
    await start();
    const { session, send } = await associate();
    const refused = await send(sopClass, sopInstance);
    expect(refused.Status).toBe(0xa900);
    expect(refused.ErrorComment).toBe(`ATRIUM_ERR_STORE_BAD_AFFECTED_UID: ${reason}`.slice(0, 64));
    expect(outcomes[0]).toMatchObject({ status: 'rejected', code: 'ATRIUM_ERR_STORE_BAD_AFFECTED_UID', reason });
    const [kept] = ws.index.listQuarantine();
    expect(kept).toMatchObject({ reasonCode: 'ATRIUM_ERR_STORE_BAD_AFFECTED_UID', reason, sha256: sha(MR_DATASET) });
    expect(sha(ws.files.read(kept!.path!))).toBe(sha(MR_DATASET));
    expect(ws.files.listInstanceFiles()).toEqual([]);
    expect((await send(SopClass.MRImageStorage, MR_SOP)).Status).toBe(0);
    expect(ws.index.getInstances({}).map((i) => i.instance.SOPInstanceUID)).toEqual([MR_SOP]);
    await session.close();
  });
});

describe('storeService: the File Meta Information it builds', () => {
  it('names Atrium under the organisation uidRoot (Implementation Class UID), the calling AE as source, the data set byte for byte behind it', async () => {
    await start(undefined, '1.2.392.200036.9110');
    const { session, send } = await associate();
    expect((await send(SopClass.MRImageStorage, MR_SOP)).Status).toBe(0);
    await session.close();
    const [path] = ws.files.listInstanceFiles();
    const bytes = ws.files.read(path!);
    const file = parseDicom(bytes);
    expect(file.meta?.string(Tag.ImplementationClassUID)).toBe('1.2.392.200036.9110.1.0.1.0');
    expect(file.meta?.string(Tag.SourceApplicationEntityTitle)).toBe('SENDER');
    expect(sha(bytes.subarray(bytes.length - MR_DATASET.length))).toBe(sha(MR_DATASET));
  });
});

describe('storeService: free disk space', () => {
  it('refuses with A700 below the store setting minFreeBytes before anything is written, and stores once the setting allows it', async () => {
    const free = 10 * 1024 * 1024; // under the default 64 MiB kept free
    await start(free);
    const { session, send } = await associate();
    const refused = await send(SopClass.MRImageStorage, MR_SOP);
    expect(refused.Status).toBe(0xa700);
    expect(refused.ErrorComment).toMatch(/^ATRIUM_ERR_STORE_DISK_FULL: disk space low/);
    expect(outcomes[0]).toMatchObject({ status: 'rejected', code: 'ATRIUM_ERR_STORE_DISK_FULL', SOPInstanceUID: MR_SOP });
    expect(outcomes[0]).not.toHaveProperty('quarantinePath');
    expect([...readdirSync(join(dir, 'files')), ...readdirSync(join(dir, 'quarantine')), ...readdirSync(join(dir, 'tmp'))]).toEqual([]);
    await session.close();

    // One figure: the setting the store uses is the one the SCP checks.
    setStoreSetting(ws.database.settings, 'minFreeBytes', '1MiB');
    await stop();
    await start(free);
    const again = await associate();
    expect((await again.send(SopClass.MRImageStorage, MR_SOP)).Status).toBe(0);
    await again.session.close();
  });
});
