import { describe, expect, it } from 'vitest';
import { QueryRetrieveSopClass, sopClassName } from '@atrium/sdk';
import { DEFAULT_NETWORK_CONFIG } from './config/index.js';
import { seedStorageClasses } from './jobs/seed-storage-classes.js';
import { networkConformanceStatement } from './network-conformance.js';
import { STORAGE_SYNTAXES, storageSopClasses } from './syntaxes.js';

describe('network conformance statement', () => {
  const text = networkConformanceStatement({ ...DEFAULT_NETWORK_CONFIG, aeTitle: 'WS_ONE', findLimit: 250 });

  it('lists every storage SOP class and transfer syntax the SCP negotiates, from the same tables', () => {
    for (const uid of storageSopClasses()) expect(text).toContain(`| ${sopClassName(uid)} | ${uid} |`);
    for (const uid of STORAGE_SYNTAXES) expect(text).toContain(` | ${uid} |`);
    for (const uid of Object.values(QueryRetrieveSopClass)) expect(text).toContain(uid);
  });

  it('covers every storage SOP class the five seeds require', () => {
    expect(seedStorageClasses().filter((uid) => !storageSopClasses().includes(uid))).toEqual([]);
    expect(seedStorageClasses()).toHaveLength(17);
  });

  it('states the configured parameters, the rejection reasons and the statuses', () => {
    expect(text).toContain('| AE title | WS_ONE | aeTitle |');
    expect(text).toContain('| C-FIND SCP matches | 250 | findLimit |');
    expect(text).toContain('rejected-transient / service-provider (presentation) / local-limit-exceeded');
    for (const code of ['A700', 'A900', 'C000', 'FF00', 'FF01', 'FE00', 'A801', 'A702', 'B000']) expect(text).toContain(`| ${code} |`);
    expect(text).toMatch(/\| STUDY \| ModalitiesInStudy \| \(0008,0061\) \|/);
    expect(text).toMatch(/\| PATIENT \| PatientName \| \(0010,0010\) \| single value, wildcard \(case-insensitive\), universal \|/);
  });
});
