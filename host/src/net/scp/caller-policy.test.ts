import { QueryRetrieveSopClass, SopClass, TransferSyntax, VerificationSOPClass } from '@atrium/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir } from '../../../../test/support/temp-dir.js';
import { openWorkstation, type Workstation } from '../../store/open-workstation.js';
import { RemoteAeTableImpl, type CallerIdentity } from '../config/index.js';
import { echoService } from '../services/echo-service.js';
import { findService } from '../services/find-service.js';
import { retrieveService } from '../services/retrieve-service.js';
import { storeService } from '../services/store-service.js';
import { associateRqBytes, rawClient } from '../test-support/raw-peer.js';
import { decodePdu } from '../ul/decode-pdu.js';
import { PcResult, PduType, RejectReason, RejectResult, RejectSource, type AssociateAc, type RoleSelection } from '../ul/pdu.js';
import { admitCaller, describeCallerPolicy, type CallerPolicy } from './caller-policy.js';
import { DicomServer } from './dicom-server.js';

/**
 * The caller policy: the calling AE title and the host it calls from are one identity;
 * query/retrieve is for known peers by default (Canon GCA-9300R conformance statement
 * §4.2.4.4) while storage stays open (§4.2.8.4). Proven against the real server with
 * connections from 127.0.0.1 and 127.0.0.2.
 */
const policy = (over: Partial<CallerPolicy> = {}): CallerPolicy => ({ acceptUnknownCallingAe: true, acceptUnknownHosts: true, acceptUnknownQueryRetrieve: false, ...over });
const CT1 = { title: 'CT1', host: '10.0.0.7', port: 104, roles: ['call' as const] };
const who = (over: Partial<CallerIdentity>): CallerIdentity => ({ known: false, knownHost: false, ...over });

describe('admitCaller', () => {
  it('combines acceptUnknownCallingAe, acceptUnknownHosts and acceptUnknownQueryRetrieve', () => {
    const known = who({ registered: CT1, known: true, knownHost: true });
    const elsewhere = who({ registered: CT1, knownHost: false });
    const stranger = who({});
    const strangerAtKnownHost = who({ knownHost: true });
    // Defaults: everyone may associate (store, echo); only the known peer may query.
    expect(admitCaller(policy(), known, 'CT1', '10.0.0.7')).toEqual({ queryRetrieve: true });
    expect(admitCaller(policy(), elsewhere, 'CT1', '10.0.0.9')).toEqual({ queryRetrieve: false });
    expect(admitCaller(policy(), stranger, 'X', '10.0.0.9')).toEqual({ queryRetrieve: false });
    expect(admitCaller(policy({ acceptUnknownQueryRetrieve: true }), stranger, 'X', '10.0.0.9')).toEqual({ queryRetrieve: true });
    // Registered titles only.
    expect(admitCaller(policy({ acceptUnknownCallingAe: false }), stranger, 'X', '10.0.0.7')).toMatchObject({ reject: { result: 1, source: 1, reason: 3 }, why: expect.stringMatching(/^calling AE title "X" is not registered/) });
    expect(admitCaller(policy({ acceptUnknownCallingAe: false }), elsewhere, 'CT1', '10.0.0.9')).toEqual({ queryRetrieve: false });
    // Registered hosts only: a registered title only from its own host.
    expect(admitCaller(policy({ acceptUnknownHosts: false }), elsewhere, 'CT1', '10.0.0.9')).toEqual({
      reject: { result: 1, source: 1, reason: 3 }, why: 'calling AE title "CT1" is registered for host 10.0.0.7, not 10.0.0.9',
    });
    expect(admitCaller(policy({ acceptUnknownHosts: false }), who({ registered: CT1, knownHost: true }), 'CT1', '10.0.0.8')).toMatchObject({ reject: { reason: 3 } });
    expect(admitCaller(policy({ acceptUnknownHosts: false }), stranger, 'X', '10.0.0.9')).toMatchObject({ reject: { result: 1, source: 1, reason: 1 } });
    expect(admitCaller(policy({ acceptUnknownHosts: false }), strangerAtKnownHost, 'X', '10.0.0.7')).toEqual({ queryRetrieve: false });
    expect(admitCaller(policy({ acceptUnknownCallingAe: false, acceptUnknownHosts: false }), known, 'CT1', '10.0.0.7')).toEqual({ queryRetrieve: true });
  });

  it('describes the policy in force', () => {
    expect(describeCallerPolicy(policy(), 1)).toEqual([
      'associations: any calling AE title, from any host (acceptUnknownCallingAe=true, acceptUnknownHosts=true; 1 AE registered with role "call")',
      'C-ECHO, C-STORE: every caller let in',
      'C-FIND, C-MOVE, C-GET: registered callers only, each from its registered host (acceptUnknownQueryRetrieve=false)',
    ]);
    expect(describeCallerPolicy(policy({ acceptUnknownCallingAe: false, acceptUnknownHosts: false, acceptUnknownQueryRetrieve: true }), 0)[2]).toBe('C-FIND, C-MOVE, C-GET: every caller let in (acceptUnknownQueryRetrieve=true)');
  });
});

describe('DicomServer caller policy, from 127.0.0.1 and 127.0.0.2', () => {
  let dir: string;
  let ws: Workstation;
  const servers: DicomServer[] = [];
  const IMPLICIT = TransferSyntax.ImplicitVRLittleEndian;
  const find = { abstractSyntax: QueryRetrieveSopClass.StudyRootFind, transferSyntaxes: [IMPLICIT] };
  const echo = { abstractSyntax: VerificationSOPClass, transferSyntaxes: [IMPLICIT] };
  const ct = { abstractSyntax: SopClass.CTImageStorage, transferSyntaxes: [IMPLICIT] };

  beforeAll(() => {
    dir = makeTempDir('net-policy-');
    ws = openWorkstation(dir);
    // Registered at 127.0.0.2 only.
    new RemoteAeTableImpl(ws.database.remoteAes).add({ title: 'MODALITY', host: '127.0.0.2', port: 104, roles: ['call'] });
  });
  afterAll(async () => {
    for (const s of servers) await s.close(200);
    ws.close();
    removeTempDir(dir);
  });

  async function serve(over: Partial<CallerPolicy>): Promise<number> {
    const aes = new RemoteAeTableImpl(ws.database.remoteAes);
    const server = new DicomServer({
      aeTitle: 'ATRIUM', port: 0, bindAddress: '127.0.0.1', maxPduLength: 16384, associationTimeoutMs: 3000, idleTimeoutMs: 5000, maxAssociations: 10,
      ...policy(over), identifyCaller: (t, a) => aes.identifyCaller(t, a),
      services: [
        echoService(), storeService({ store: ws.store }), findService({ index: ws.index, aeTitle: 'ATRIUM', limit: 10 }),
        retrieveService({ index: ws.index, files: ws.files, scu: { aeTitle: 'ATRIUM', maxPduLength: 16384, connectTimeoutMs: 1000, associationTimeoutMs: 1000, dimseTimeoutMs: 1000 }, destination: () => undefined }),
      ],
    });
    servers.push(server);
    return server.listen();
  }

  /** Proposes `contexts` as `calling` from `from`; the answer: the RJ fields, or each context's result. */
  async function associate(port: number, from: string, calling: string, contexts: { abstractSyntax: string; transferSyntaxes: string[] }[], roleSelections: RoleSelection[] = []): Promise<{ rj?: number[]; results?: number[] }> {
    const client = await rawClient(port, from);
    try {
      client.socket.write(associateRqBytes({ called: 'ATRIUM', calling, contexts: contexts.map((c, i) => ({ id: 2 * i + 1, ...c })), roleSelections }));
      const [pdu] = await client.waitForPdus(1, 3000);
      if (pdu?.type === PduType.AssociateRj) return { rj: [...pdu.body.subarray(1, 4)] };
      expect(pdu?.type).toBe(PduType.AssociateAc);
      return { results: (decodePdu(pdu!.type, pdu!.body) as AssociateAc).contexts.map((c) => c.result) };
    } finally {
      client.socket.destroy();
    }
  }

  it('acceptUnknownHosts=false: a title registered at 127.0.0.2 is refused from 127.0.0.1 and accepted from 127.0.0.2', async () => {
    const port = await serve({ acceptUnknownHosts: false });
    expect(await associate(port, '127.0.0.1', 'MODALITY', [echo])).toEqual({ rj: [RejectResult.Permanent, RejectSource.ServiceUser, RejectReason.CallingAeNotRecognized] });
    expect(await associate(port, '127.0.0.2', 'MODALITY', [echo, find])).toEqual({ results: [PcResult.Acceptance, PcResult.Acceptance] });
    // Another title from the registered caller's host is let in (acceptUnknownCallingAe is true), to store but not to query.
    expect(await associate(port, '127.0.0.2', 'OTHER', [echo, find])).toEqual({ results: [PcResult.Acceptance, PcResult.UserRejection] });
    expect(await associate(port, '127.0.0.1', 'OTHER', [echo])).toEqual({ rj: [RejectResult.Permanent, RejectSource.ServiceUser, RejectReason.NoReasonGiven] });
  });

  it('by default, query/retrieve only for the registered title at its host; storage and echo for anyone', async () => {
    const port = await serve({});
    expect(await associate(port, '127.0.0.2', 'MODALITY', [find])).toEqual({ results: [PcResult.Acceptance] });
    // The same title from another host is not that AE: its C-FIND context is refused, and with nothing else proposed, the association.
    expect(await associate(port, '127.0.0.1', 'MODALITY', [find])).toEqual({ rj: [RejectResult.Permanent, RejectSource.ServiceUser, RejectReason.CallingAeNotRecognized] });
    expect(await associate(port, '127.0.0.1', 'STRANGER', [find])).toEqual({ rj: [RejectResult.Permanent, RejectSource.ServiceUser, RejectReason.CallingAeNotRecognized] });
    expect(await associate(port, '127.0.0.1', 'STRANGER', [echo, ct, find])).toEqual({ results: [PcResult.Acceptance, PcResult.Acceptance, PcResult.UserRejection] });
  });

  it('rejects a stranger\'s C-GET association: storage contexts it would only receive on serve nothing without the C-GET', async () => {
    const port = await serve({});
    const get = { abstractSyntax: QueryRetrieveSopClass.StudyRootGet, transferSyntaxes: [IMPLICIT] };
    const receiveOnly = [{ sopClassUid: SopClass.CTImageStorage, scuRole: false, scpRole: true }];
    expect(await associate(port, '127.0.0.1', 'STRANGER', [get, ct], receiveOnly)).toEqual({ rj: [RejectResult.Permanent, RejectSource.ServiceUser, RejectReason.CallingAeNotRecognized] });
    // Proposed for both roles, the storage context is of use without the C-GET: accepted, the C-GET refused.
    expect(await associate(port, '127.0.0.1', 'STRANGER', [get, ct], [{ ...receiveOnly[0]!, scuRole: true }])).toEqual({ results: [PcResult.UserRejection, PcResult.Acceptance] });
    expect(await associate(port, '127.0.0.2', 'MODALITY', [get, ct], receiveOnly)).toEqual({ results: [PcResult.Acceptance, PcResult.Acceptance] });
  });

  it('acceptUnknownQueryRetrieve=true serves queries to any caller let in', async () => {
    const port = await serve({ acceptUnknownQueryRetrieve: true });
    expect(await associate(port, '127.0.0.1', 'STRANGER', [find])).toEqual({ results: [PcResult.Acceptance] });
  });
});
