import { SopClass, TransferSyntax } from '@atrium/sdk';
import { describe, expect, it } from 'vitest';
import { isAtriumError } from '../../errors/atrium-error.js';
import { STORAGE_SYNTAXES, UNCOMPRESSED_SYNTAXES, storageSopClasses } from '../syntaxes.js';
import { GET_SYNTAX_GROUPS, MAX_CONTEXTS, getAssociationPlans } from './get-contexts.js';
import { qrContext } from './query-scu.js';

const head = [qrContext('STUDY', 'Get')];

describe('getAssociationPlans: the storage contexts of a C-GET, 128 per association at most', () => {
  it('proposes each class in one context per stored syntax, uncompressed first (JPEG 2000, Implicit VR never share a context)', () => {
    expect(GET_SYNTAX_GROUPS.slice(0, UNCOMPRESSED_SYNTAXES.length).flat()).toEqual(UNCOMPRESSED_SYNTAXES);
    expect(GET_SYNTAX_GROUPS.every((g) => g.length === 1)).toBe(true);
    expect(GET_SYNTAX_GROUPS.flat()).toEqual(STORAGE_SYNTAXES);
    const [plan] = getAssociationPlans([SopClass.CTImageStorage], GET_SYNTAX_GROUPS, head);
    expect(plan!.contexts[0]).toEqual(head[0]);
    expect(plan!.contexts.filter((c) => c.transferSyntaxes.includes(TransferSyntax.JPEG2000Lossless))).toEqual([{ abstractSyntax: SopClass.CTImageStorage, transferSyntaxes: [TransferSyntax.JPEG2000Lossless] }]);
  });

  it('opens a further association when the classes need more than 128 contexts, never splitting a class', () => {
    const classes = [SopClass.CTImageStorage, SopClass.RTPlanStorage, SopClass.RTDoseStorage, SopClass.RTStructureSetStorage, SopClass.SegmentationStorage, SopClass.ComprehensiveSRStorage, SopClass.TwelveLeadECGWaveformStorage];
    const perClass = GET_SYNTAX_GROUPS.length;
    const fit = Math.floor((MAX_CONTEXTS - 1) / perClass);
    const plans = getAssociationPlans(classes, GET_SYNTAX_GROUPS, head);
    expect(plans.map((p) => p.classes)).toEqual([classes.slice(0, fit), classes.slice(fit)]);
    for (const p of plans) {
      expect(p.contexts.length).toBeLessThanOrEqual(MAX_CONTEXTS);
      expect(p.contexts.length).toBe(1 + p.classes.length * perClass);
      expect(p.contexts[0]).toEqual(head[0]);
    }
    // Every class × syntax group proposed exactly once over the associations.
    const proposed = plans.flatMap((p) => p.contexts.slice(1).map((c) => `${c.abstractSyntax} ${c.transferSyntaxes.join(',')}`));
    expect(new Set(proposed).size).toBe(classes.length * perClass);
    expect(proposed).toHaveLength(classes.length * perClass);
  });

  it('splits every storage class, uncompressed only, over two associations, and deduplicates classes', () => {
    const all = storageSopClasses();
    const plans = getAssociationPlans([...all, ...all.slice(0, 5)], [UNCOMPRESSED_SYNTAXES], head);
    expect(plans.map((p) => p.contexts.length)).toEqual([MAX_CONTEXTS, all.length - (MAX_CONTEXTS - 1) + 1]);
    expect(plans.flatMap((p) => p.classes)).toEqual([...all]);
  });

  it('refuses a class that alone needs more than 128 contexts', () => {
    const groups = Array.from({ length: MAX_CONTEXTS }, (_, i) => [`1.2.3.${i}`]);
    let error: unknown;
    try {
      getAssociationPlans([SopClass.CTImageStorage], groups, head);
    } catch (e) {
      error = e;
    }
    expect(isAtriumError(error, 'ATRIUM_ERR_NET_TOO_MANY_CONTEXTS')).toBe(true);
  });
});
