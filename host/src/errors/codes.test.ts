import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isWellFormedErrorCode, SDK_ERRORS } from '@atrium/sdk';
import { describe, expect, it } from 'vitest';
import { AtriumError, listedCode } from './atrium-error.js';
import { ERRORS, HOST_ERRORS, HOST_WARNINGS, isAtriumErrorCode } from './codes.js';
import { DIMSE_STATUSES, dimseServiceOf, StoreStatus } from './dimse-statuses.js';

/** Every .ts source file (not tests) under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'test-support' ? [] : sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('the error list', () => {
  it('holds the SDK codes and the host codes, each spelt as a code, with a message and an HTTP status', () => {
    expect(Object.keys(ERRORS)).toEqual([...Object.keys(SDK_ERRORS), ...Object.keys(HOST_ERRORS)]);
    expect(Object.keys(SDK_ERRORS).filter((c) => Object.hasOwn(HOST_ERRORS, c))).toEqual([]);
    for (const [code, spec] of Object.entries(ERRORS)) {
      expect(isWellFormedErrorCode(code), code).toBe(true);
      expect(spec.message, code).toMatch(/^[A-Z].{15,}\.$/s);
      expect(spec.http >= 400 && spec.http <= 599, code).toBe(true);
    }
  });

  it('maps each code with a DIMSE status to a status of a service table', () => {
    const mapped = Object.entries(ERRORS).filter(([, spec]) => spec.dimse !== undefined);
    expect(mapped.length).toBeGreaterThan(20);
    for (const [code, spec] of mapped) expect(dimseServiceOf(spec.dimse!), code).not.toBe('any');
    expect(ERRORS.ATRIUM_ERR_STORE_DISK_FULL.dimse).toBe(StoreStatus.OutOfResources);
    expect(ERRORS.ATRIUM_ERR_VALIDATE_MISSING.dimse).toBe(StoreStatus.DataSetDoesNotMatchSopClass);
  });

  it('lists every code the host source names, and names none it does not (no stale entries)', () => {
    const named = new Set(sources('host/src').flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/ATRIUM_ERR_[A-Z0-9_]*[A-Z0-9]/g)].map((m) => m[0])));
    // The validation and pixel codes are built from their kinds (`ATRIUM_ERR_VALIDATE_${kind}`): the compiler checks them.
    const built = (c: string): boolean => /^ATRIUM_ERR_(VALIDATE|PIXELS)_/.test(c);
    // A prefix (`e.code.startsWith('ATRIUM_ERR_QUERY_')`) names a family of listed codes.
    const prefix = (c: string): boolean => Object.keys(ERRORS).some((code) => code !== c && code.startsWith(c));
    expect([...named].filter((c) => !isAtriumErrorCode(c) && !prefix(c))).toEqual([]);
    expect(Object.keys(HOST_ERRORS).filter((c) => !named.has(c) && !built(c))).toEqual([]);
  });

  it('lists every warning code the host source names, each with a meaning, and none it does not name', () => {
    const named = new Set(sources('host/src').flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/ATRIUM_WARN_[A-Z0-9_]*[A-Z0-9]/g)].map((m) => m[0])));
    expect([...named].sort()).toEqual(Object.keys(HOST_WARNINGS).sort());
    for (const [code, spec] of Object.entries(HOST_WARNINGS)) expect(spec.message, code).toMatch(/^[A-Z].{15,}\.$/s);
  });

  it('makes AtriumError take listed codes only; an error relayed from a plugin keeps its own code', () => {
    expect(new AtriumError('ATRIUM_ERR_STORE_TOO_LARGE', 'too big').code).toBe('ATRIUM_ERR_STORE_TOO_LARGE');
    // @ts-expect-error a code that is not in the list is refused by the compiler
    expect(new AtriumError('ATRIUM_ERR_STORE_TOO_BIG', 'x').code).toBe('ATRIUM_ERR_STORE_TOO_BIG');
    const relayed = AtriumError.relay('ATRIUM_ERR_CALCIUM_SEED_MISS', 'ATRIUM_ERR_JOB_FAILED', 'seed 1 hits nothing', { seed: 1 });
    expect([relayed.code, relayed.message, relayed.details]).toEqual(['ATRIUM_ERR_CALCIUM_SEED_MISS', 'seed 1 hits nothing', { seed: 1 }]);
    expect(listedCode(relayed, 'ATRIUM_ERR_JOB_FAILED')).toBe('ATRIUM_ERR_JOB_FAILED');
    for (const odd of ['not a code', 'ATRIUM_ERR_lower', 42, undefined]) expect(AtriumError.relay(odd, 'ATRIUM_ERR_JOB_FAILED', 'm').code).toBe('ATRIUM_ERR_JOB_FAILED');
  });
});

describe('DIMSE statuses per service', () => {
  it('give each service its statuses, one status per code, with the category PS3.7 Annex C gives its code', () => {
    for (const [service, table] of Object.entries(DIMSE_STATUSES)) {
      const codes = Object.values(table).map((s) => s.code);
      expect(new Set(codes).size, service).toBe(codes.length);
      expect(table.Success?.code, service).toBe(0);
      for (const [name, s] of Object.entries(table)) expect(s.reference, `${service} ${name}`).toMatch(/^PS3\.[47] /);
    }
    expect(Object.keys(DIMSE_STATUSES)).toEqual(['C-ECHO', 'C-STORE', 'C-FIND', 'C-MOVE', 'C-GET', 'N-EVENT-REPORT', 'N-GET', 'N-SET', 'N-ACTION', 'N-CREATE', 'N-DELETE']);
    expect(DIMSE_STATUSES['C-MOVE'].MoveDestinationUnknown?.code).toBe(0xa801);
    expect(DIMSE_STATUSES['C-GET'].MoveDestinationUnknown).toBeUndefined();
  });
});
