import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tag } from '@atrium/sdk';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../host/src/cli/main.js';
import { dicomTime } from '../../host/src/db/dicom-time.js';
import type { StoredInstance } from '../../host/src/db/dicom-index.js';
import type { QueryOptions } from '../../host/src/db/query-engine.js';
import type { QueryLevel } from '../../host/src/db/query-keys.js';
import { openWorkstation, type Workstation } from '../../host/src/store/open-workstation.js';
import { el, encodeDataset, FIXTURE_EXPLICIT_LE, minimalInstance, part10, type FixtureElement } from '../support/dicom-fixture.js';
import { runTool, startDicomServer, type DicomServerFixture } from '../support/dicom-server-fixture.js';
import { havePeers, runPeer } from '../support/peers.js';
import { havePostgres, startPostgres, type PostgresServer } from '../support/postgres-server.js';
import { REPO_ROOT } from '../support/samples.js';
import { makeTempDir, removeTempDir } from '../support/temp-dir.js';

/**
 * The index on PostgreSQL answers exactly as the index on SQLite: the same files imported
 * into a SQLite store and a PostgreSQL store (a private server started here), then `atrium
 * ls`, the query engine (every kind of C-FIND matching, at every level, with the options the
 * CLI and batches use) and DCMTK findscu against `atrium`'s C-FIND SCP on each store give the
 * same answers. The PL/pgSQL versions of the TM / DT functions agree with the JavaScript ones.
 */
const ok = havePostgres() && havePeers('findscu', 'dcmdump');

const SC = '1.2.840.10008.5.1.4.1.1.7';

/** Instances with the values that tell matching rules apart: case and accents in PN, `%` `_` `[` in wildcards, absent numbers, partial times, multiple values. */
const CRAFTED: readonly Record<string, [string, string]>[] = [
  { PatientName: ['PN', 'Müller^Hans'], PatientID: ['LO', 'PG-1'], StudyDate: ['DA', '20240105'], StudyTime: ['TM', '101500.25'], AccessionNumber: ['SH', 'A_1'], StudyDescription: ['LO', '100% Bone'], ReferringPhysicianName: ['PN', 'Smith^John\\Doe^Jane'], Modality: ['CS', 'CT'], SeriesNumber: ['IS', '3'], SeriesDescription: ['LO', 'Face [x]'], ScanOptions: ['CS', 'HELICAL\\AXIAL'] },
  { PatientName: ['PN', 'MÜLLER^hans'], PatientID: ['LO', 'PG-2'], StudyDate: ['DA', '20240106'], StudyTime: ['TM', '23'], AccessionNumber: ['SH', 'AX1'], StudyDescription: ['LO', 'Bone scan'], Modality: ['CS', 'MR'], SeriesNumber: ['IS', ''], InstanceNumber: ['IS', ''] },
  { PatientName: ['PN', "O'Brien^Pat"], PatientID: ['LO', 'PG-3'], StudyDate: ['DA', '19991231'], StudyTime: ['TM', '0930'], AccessionNumber: ['SH', 'A%1'], ReferringPhysicianName: ['PN', 'smith^john'], Modality: ['CS', 'NM'], SeriesNumber: ['IS', '12'], SeriesDescription: ['LO', 'Face xx'], InstanceNumber: ['IS', '7'] },
  { PatientName: ['PN', 'Ωmega^Ωne'], PatientID: ['LO', 'PG-4'], StudyDate: ['DA', '20240105'], StudyTime: ['TM', '10'], AccessionNumber: ['SH', 'B_2'], Modality: ['CS', 'CT'], SeriesNumber: ['IS', '1'], ScanOptions: ['CS', 'AXIAL'] },
];

function craftedFiles(dir: string): void {
  mkdirSync(dir, { recursive: true });
  CRAFTED.forEach((values, i) => {
    const root = `2.25.9917${i}`;
    const changes = new Map<number, FixtureElement>();
    for (const [keyword, [vr, value]] of Object.entries(values)) {
      const tag = (Tag as unknown as Record<string, number>)[keyword]!;
      const bytes = Buffer.from(value, 'utf8');
      changes.set(tag, el(tag, vr, bytes.length % 2 === 1 ? Buffer.concat([bytes, Buffer.from(' ')]) : bytes));
    }
    // Specific Character Set ISO_IR 192 (UTF-8): the names above are not Latin-1 only.
    changes.set(Tag.SpecificCharacterSet, el(Tag.SpecificCharacterSet, 'CS', 'ISO_IR 192'));
    const bytes = part10(encodeDataset(minimalInstance(root, changes), FIXTURE_EXPLICIT_LE), { transferSyntaxUID: '1.2.840.10008.1.2.1', sopClassUID: SC, sopInstanceUID: `${root}.3` });
    writeFileSync(join(dir, `crafted-${i}.dcm`), bytes);
  });
}

/** Query cases: level, identifier, options. Each kind of matching of PS3.4 §C.2.2.2 on each level. */
const CASES: readonly [QueryLevel, Record<string, string>, QueryOptions?][] = [
  ['PATIENT', { PatientID: '', PatientName: '', PatientBirthDate: '', NumberOfPatientRelatedStudies: '', NumberOfPatientRelatedInstances: '' }, { model: 'PATIENT' }],
  ['PATIENT', { PatientName: 'müller*' }, { model: 'PATIENT' }],
  ['PATIENT', { PatientName: 'MÜLLER^HANS' }, { model: 'PATIENT' }],
  ['PATIENT', { PatientName: '*^*', PatientSex: '' }, { model: 'PATIENT' }],
  ['PATIENT', { PatientName: 'ω*' }, { model: 'PATIENT' }],
  ['STUDY', { StudyInstanceUID: '', StudyDate: '', StudyTime: '', AccessionNumber: '', ModalitiesInStudy: '', NumberOfStudyRelatedSeries: '', NumberOfStudyRelatedInstances: '', PatientName: '' }],
  ['STUDY', { StudyDate: '20040101-20241231' }],
  ['STUDY', { StudyDate: '-20040101' }],
  ['STUDY', { StudyDate: '20240105' }],
  ['STUDY', { StudyTime: '10-' }],
  ['STUDY', { StudyTime: '-1015' }],
  ['STUDY', { StudyTime: '1015-2300' }],
  ['STUDY', { StudyTime: '10' }],
  ['STUDY', { ModalitiesInStudy: 'CT' }],
  ['STUDY', { ModalitiesInStudy: 'CT\\NM' }],
  ['STUDY', { AccessionNumber: 'A_1' }],
  ['STUDY', { AccessionNumber: 'A?1' }],
  ['STUDY', { AccessionNumber: '*%*' }],
  ['STUDY', { AccessionNumber: '*_*' }],
  ['STUDY', { StudyDescription: '*Bone*' }],
  ['STUDY', { StudyDescription: '*bone*' }],
  ['STUDY', { ReferringPhysicianName: 'smith*' }],
  ['STUDY', { ReferringPhysicianName: 'DOE^JANE' }],
  ['STUDY', { PatientID: 'PG-1\\PG-2' }],
  ['STUDY', { StudyInstanceUID: '' }, { limit: 3, offset: 2 }],
  ['STUDY', { StudyInstanceUID: '' }, { offset: 4 }],
  ['SERIES', { SeriesInstanceUID: '', Modality: '', SeriesNumber: '', SeriesDescription: '', NumberOfSeriesRelatedInstances: '', ScanOptions: '' }],
  ['SERIES', { Modality: 'MR' }],
  ['SERIES', { SeriesNumber: '1' }],
  ['SERIES', { SeriesNumber: '1*' }],
  ['SERIES', { SeriesDescription: 'Face [x]' }],
  ['SERIES', { SeriesDescription: 'Face ??' }],
  ['SERIES', { SeriesDescription: 'Face [*' }],
  ['SERIES', { ScanOptions: 'AXIAL' }],
  ['SERIES', { ScanOptions: 'HEL*' }],
  ['SERIES', { SeriesInstanceUID: '' }, { excludeStoredFrom: 'import' }],
  ['SERIES', { SeriesInstanceUID: '' }, { withWarnings: true }],
  ['IMAGE', { SOPInstanceUID: '', SOPClassUID: '', InstanceNumber: '', Rows: '', Columns: '', NumberOfFrames: '', TransferSyntaxUID: '', SpecificCharacterSet: '' }],
  ['IMAGE', { InstanceNumber: '7' }],
  ['IMAGE', { Rows: '2' }],
  ['IMAGE', { PatientName: 'müller*', InstanceNumber: '' }, { model: 'PATIENT' }],
];

describe.skipIf(!ok)('index on PostgreSQL answers as the index on SQLite', () => {
  let dir: string;
  let server: PostgresServer;
  const stores = { sqlite: '', postgres: '' };
  let sources: string[];

  const atrium = async (store: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
    let out = '';
    let err = '';
    const code = await main(['--store', store, ...argv], { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
    return { code, out, err };
  };

  beforeAll(async () => {
    dir = makeTempDir('atrium-pg-parity-');
    server = await startPostgres();
    const url = await server.createDatabase('parity');
    stores.sqlite = join(dir, 'sqlite');
    stores.postgres = join(dir, 'postgres');
    const set = await atrium(stores.postgres, 'config', 'set', 'index', url);
    expect(set.code, set.err).toBe(0);
    craftedFiles(join(dir, 'crafted'));
    sources = [join(REPO_ROOT, 'samples'), join(REPO_ROOT, 'test', 'fixtures'), join(dir, 'crafted')];
    // The repository's fixtures include refused files (exit code 1, kept in quarantine): the same summary on both.
    const imports = [];
    for (const store of [stores.sqlite, stores.postgres]) imports.push(await atrium(store, 'import', ...sources));
    expect(imports[0]!.out.split('\n')[0]).toMatch(/^stored \d+/);
    expect(imports[1]!.code, imports[1]!.err).toBe(imports[0]!.code);
    expect(imports[1]!.out.split('\n')[0]).toBe(imports[0]!.out.split('\n')[0]);
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    if (dir) removeTempDir(dir);
  });

  it('atrium config shows where each index is', async () => {
    expect((await atrium(stores.sqlite, 'config', 'get', 'index')).out.trim()).toBe(join(stores.sqlite, 'index.sqlite'));
    expect((await atrium(stores.postgres, 'config', 'get', 'index')).out.trim()).toBe(server.url('parity'));
  });

  it('atrium ls patients / studies / series / instances: the same rows, in the same order', async () => {
    for (const what of ['patients', 'studies', 'series', 'instances']) {
      const [a, b] = await Promise.all([atrium(stores.sqlite, 'ls', what, '--json'), atrium(stores.postgres, 'ls', what, '--json')]);
      expect(a.code, a.err).toBe(0);
      expect(b.code, b.err).toBe(0);
      const rows = JSON.parse(a.out) as unknown[];
      expect(rows.length, what).toBeGreaterThan(what === 'patients' ? 10 : 20);
      expect(b.out, what).toBe(a.out);
    }
    const filtered = ['ls', 'studies', '--name', 'müller*', '--date', '20240101-20241231', '--json'];
    const [a, b] = await Promise.all([atrium(stores.sqlite, ...filtered), atrium(stores.postgres, ...filtered)]);
    expect(JSON.parse(a.out)).toHaveLength(2);
    expect(b.out).toBe(a.out);
  });

  it('the query engine: every kind of matching, at every level, gives the same results', () => {
    const open: Workstation[] = [openWorkstation(stores.sqlite), openWorkstation(stores.postgres)];
    try {
      const [lite, post] = open.map((w) => w.index) as [Workstation['index'], Workstation['index']];
      let matched = 0;
      for (const [level, keys, options] of CASES) {
        const expected = lite.query(level, keys, options);
        expect(post.query(level, keys, options), `${level} ${JSON.stringify(keys)} ${JSON.stringify(options ?? {})}`).toEqual(expected);
        matched += expected.length;
      }
      expect(matched).toBeGreaterThan(100);
      // Spot checks that the cases test something: PN is case- and accent-aware, % and _ are literal.
      expect(lite.query('PATIENT', { PatientName: 'müller*' }, { model: 'PATIENT' })).toHaveLength(2);
      expect(lite.query('STUDY', { AccessionNumber: 'A_1' })).toHaveLength(1);
      expect(lite.query('STUDY', { AccessionNumber: '*%*' })).toHaveLength(1);
      expect(lite.query('SERIES', { SeriesDescription: 'Face [x]' })).toHaveLength(1);
      // The other reads of the index: instances of a series, every path.
      const series = lite.query('SERIES', { SeriesInstanceUID: '' }).map((r) => String(r.SeriesInstanceUID));
      // storedAt is when each store stored its copy: the one field that differs by design.
      const withoutTime = (i: StoredInstance): unknown => ({ ...i, file: { ...i.file, storedAt: undefined } });
      for (const uid of series) {
        expect(post.getInstances({ SeriesInstanceUID: uid }).map(withoutTime)).toEqual(lite.getInstances({ SeriesInstanceUID: uid }).map(withoutTime));
      }
      expect(post.listInstancePaths()).toEqual(lite.listInstancePaths());
    } finally {
      for (const w of open) w.close();
    }
  });

  it('DCMTK findscu against the C-FIND SCP of each store: the same responses', async () => {
    const servers: DicomServerFixture[] = [await startDicomServer(stores.sqlite, { callers: ['DCMTK_SCU'] }), await startDicomServer(stores.postgres, { callers: ['DCMTK_SCU'] })];
    try {
      const queries = [
        ['-S', 'STUDY', 'StudyInstanceUID', 'PatientName', 'StudyDate', 'ModalitiesInStudy', 'NumberOfStudyRelatedInstances'],
        ['-S', 'STUDY', 'PatientName=müller*', 'StudyInstanceUID', 'StudyTime'],
        ['-P', 'PATIENT', 'PatientID', 'PatientName=*^*'],
        ['-S', 'SERIES', 'StudyInstanceUID', 'SeriesInstanceUID', 'Modality=CT', 'SeriesNumber'],
      ];
      for (const [model, level, ...keys] of queries) {
        const answers: string[] = [];
        for (const [i, fx] of servers.entries()) {
          const out = join(dir, `find-${level}-${answers.length}-${Date.now()}-${i}`);
          mkdirSync(out);
          const run = await runTool('findscu', [model!, '-X', '-od', out, '-k', 'SpecificCharacterSet=ISO_IR 192', '-k', `QueryRetrieveLevel=${level}`, ...keys.flatMap((k) => ['-k', k]), '-aet', 'DCMTK_SCU', '-aec', fx.aeTitle, '127.0.0.1', String(fx.port)]);
          expect(run.code, run.output).toBe(0);
          // The data sets only: the File Meta group findscu writes names each file with a new UID.
          const dataSet = (f: string): string => runPeer('dcmdump', ['-q', join(out, f)]).split('\n').filter((l) => !l.startsWith('(0002,')).join('\n');
          answers.push(readdirSync(out).sort().map(dataSet).join('\n---\n'));
        }
        expect(answers[0]!.length, `${level} ${keys.join(' ')}`).toBeGreaterThan(0);
        expect(answers[1], `${level} ${keys.join(' ')}`).toBe(answers[0]);
      }
    } finally {
      for (const fx of servers) await fx.stop();
    }
  }, 120_000);

  it('the PL/pgSQL TM and DT functions agree with the JavaScript ones (values valid, partial, odd and invalid)', async () => {
    const client = new pg.Client({ connectionString: server.url('parity') });
    await client.connect();
    try {
      const times = ['10', '1015', '101530', '101530.5', '101530.123456', '10:15:30.25', '23:59:60', ' 0930 ', '24', '1060', '', 'x', '1015305', '10.5'];
      for (const t of times) {
        const { rows } = await client.query<{ v: string | null }>('SELECT atrium_tm($1) AS v', [t]);
        expect(rows[0]!.v === null ? undefined : Number(rows[0]!.v), `TM "${t}"`).toBe(dicomTime.time(t, 'floor'));
      }
      const dateTimes = ['2024', '202402', '20240229', '20230229', '20240105101530.25', '20240105101530+0130', '20240105-0500', '1969123123', '202413', '20240132', '20240105246060', 'abc'];
      for (const t of dateTimes) {
        const { rows } = await client.query<{ v: string | null }>('SELECT atrium_dt($1) AS v', [t]);
        expect(rows[0]!.v === null ? undefined : Number(rows[0]!.v), `DT "${t}"`).toBe(dicomTime.dateTime(t, 'floor'));
      }
    } finally {
      await client.end();
    }
  });
});
