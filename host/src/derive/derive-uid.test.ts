import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';
import { deriveUid } from './derive-uid.js';
import { derivedUids } from './derived-uids.js';

const UID = /^(?:0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*))*$/;

describe('deriveUid', () => {
  it('is root + the decimal of the first 128 bits of SHA-256 over the NUL-joined parts (value from Python hashlib)', () => {
    // python3: int.from_bytes(hashlib.sha256(b'a\x00b').digest()[:16], 'big')
    expect(deriveUid('2.25.', ['a', 'b'])).toBe('2.25.119227826172246415199572365930447286639');
    expect(deriveUid('2.25', ['a', 'b'])).toBe('2.25.119227826172246415199572365930447286639');
  });

  it('is a valid UID of at most 64 characters, also under a long root', () => {
    const root = '1.2.826.0.1.3680043.10.1234.567890.12345678.1';
    for (let i = 0; i < 50; i++) {
      const uid = deriveUid(root, ['x', String(i)]);
      expect(uid.length).toBeLessThanOrEqual(64);
      expect(uid).toMatch(UID);
      expect(uid.startsWith(`${root}.`)).toBe(true);
    }
  });

  it('rejects malformed roots with a coded error', () => {
    for (const root of ['2.025', 'abc', '', '1..2', '1.2.826.0.1.3680043.10.1234.567890.12345678.1234567890']) {
      expect(() => deriveUid(root, ['x'])).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_DERIVE_UID_ROOT' }));
    }
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[2,{"y":2,"z":1}]},"b":1}');
  });
});

describe('derivedUids', () => {
  const base = {
    sourceSeriesInstanceUID: '1.2.3.4',
    app: { pluginId: 'test.derive', appId: 'summary', version: '1.2.3' },
    parameters: { threshold: 130, mode: 'fast' },
    outputName: 'report',
    sourceSopInstanceUIDs: ['1.2.3.4.1', '1.2.3.4.2'],
    index: 0,
  };

  it('the same inputs give the same UIDs; parameter key order does not matter', () => {
    expect(derivedUids(base)).toEqual(derivedUids({ ...base, parameters: { mode: 'fast', threshold: 130 } }));
  });

  it('the series UID depends on the source series, app, version, parameters and output; the SOP UID also on sources and index', () => {
    const { seriesInstanceUID: series, sopInstanceUID: sop } = derivedUids(base);
    const variants = [
      { sourceSeriesInstanceUID: '1.2.3.5' },
      { app: { ...base.app, pluginId: 'other.plugin' } },
      { app: { ...base.app, appId: 'other' } },
      { app: { ...base.app, version: '1.2.4' } },
      { parameters: { threshold: 131, mode: 'fast' } },
      { outputName: 'other' },
    ];
    for (const v of variants) expect(derivedUids({ ...base, ...v }).seriesInstanceUID).not.toBe(series);
    for (const v of [{ index: 1 }, { sourceSopInstanceUIDs: ['1.2.3.4.1'] }]) {
      const other = derivedUids({ ...base, ...v });
      expect(other.seriesInstanceUID).toBe(series);
      expect(other.sopInstanceUID).not.toBe(sop);
    }
    expect(derivedUids({ ...base, uidRoot: '1.2.826.0.1.3680043.10.99' }).seriesInstanceUID.startsWith('1.2.826.0.1.3680043.10.99.')).toBe(true);
  });
});
