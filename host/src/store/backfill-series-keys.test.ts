import { afterEach, describe, expect, it } from 'vitest';
import { SopClass } from '@atrium/sdk';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir.js';
import { sqliteOf } from '../db/test-support/sqlite-of.js';
import { encodePart10 } from '../testing/encode-part10.js';
import { openWorkstation } from './open-workstation.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeTempDir));

const object = (series: string, sop: string, extra: Record<string, string>): Uint8Array => encodePart10({
  SOPClassUID: SopClass.SecondaryCaptureImageStorage, SOPInstanceUID: sop, StudyInstanceUID: '1.2.826.0.1.3680043.8.498.70',
  SeriesInstanceUID: series, PatientID: 'P70', PatientName: 'Hanako^Sato', Modality: 'XA', ...extra,
  SamplesPerPixel: 1, PhotometricInterpretation: 'MONOCHROME2', Rows: 2, Columns: 2, BitsAllocated: 16, BitsStored: 16, HighBit: 15, PixelRepresentation: 0,
}, [new Uint16Array(4)]);

describe('series Station Name and Performing Physician\'s Name (Shimadzu DAR-9500f Table 4)', () => {
  it('are matched at SERIES level, and filled from the stored files of series indexed before schema step 10', () => {
    const dir = makeTempDir('atrium-backfill-');
    dirs.push(dir);
    const ws = openWorkstation(dir, { validation: 'safety' });
    const a = '1.2.826.0.1.3680043.8.498.71';
    const b = '1.2.826.0.1.3680043.8.498.72';
    const first = ws.store.receive(object(a, `${a}.1`, { StationName: 'ANGIO-1', PerformingPhysicianName: 'Ito^Ken\\Mori^Aki' }), 'test');
    expect(first, JSON.stringify(first)).toMatchObject({ status: 'stored' });
    expect(ws.store.receive(object(b, `${b}.1`, { StationName: 'CATH-2' }), 'test')).toMatchObject({ status: 'stored' });
    const series = (keys: Record<string, string>): unknown[] => ws.index.query('SERIES', { ...keys, SeriesInstanceUID: '' });
    expect(series({ StationName: 'ANGIO*' })).toEqual([{ StudyInstanceUID: '1.2.826.0.1.3680043.8.498.70', SeriesInstanceUID: a, StationName: 'ANGIO-1' }]);
    // PN, VM 1-n: any one of the values matches, case-insensitively.
    expect(series({ PerformingPhysicianName: 'mori*' })).toHaveLength(1);
    expect(series({ PerformingPhysicianName: 'Kato*' })).toEqual([]);
    // The index as schema step 9 left it: no such columns, nothing pending (steps 11 and 12 undone too).
    sqliteOf(ws.index).exec(`ALTER TABLE series DROP COLUMN "StationName"; ALTER TABLE series DROP COLUMN "PerformingPhysicianName";
      ALTER TABLE remote_ae DROP COLUMN verify_before_send; DROP TABLE send_log;
      DROP TABLE host_heartbeat; ALTER TABLE store_intent DROP COLUMN owner_host; ALTER TABLE commitment DROP COLUMN owner_host;
      DELETE FROM setting WHERE key LIKE 'index.backfill.%'; PRAGMA user_version = 9;`);
    ws.close();

    const again = openWorkstation(dir, { validation: 'safety' });
    const stations = again.index.query('SERIES', { StationName: '', PerformingPhysicianName: '' }).map((r) => [r.StationName, r.PerformingPhysicianName]);
    expect(stations).toEqual([['ANGIO-1', 'Ito^Ken\\Mori^Aki'], ['CATH-2', undefined]]);
    expect(again.startup.unreadable).toEqual([]);
    expect(again.database.settings.list('index.backfill.').size).toBe(0);
    again.close();
  });
});
