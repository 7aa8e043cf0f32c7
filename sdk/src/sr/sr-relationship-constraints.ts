import type { SrRelationship } from './sr-content-item.js';

/** The SR IODs the builder writes. */
export type SrIod = 'comprehensive-sr' | 'enhanced-sr';

/** One row of a relationship content constraints table: source value types, relationship, allowed target value types. */
export interface SrConstraintRow {
  /** Source value types; `'any'` for every value type. */
  readonly sources: readonly string[] | 'any';
  readonly relationship: SrRelationship;
  readonly targets: readonly string[];
}

const VALUES = ['TEXT', 'CODE', 'NUM', 'DATETIME', 'DATE', 'TIME', 'UIDREF', 'PNAME'] as const;
const CONTEXT = [...VALUES, 'COMPOSITE'] as const;
const REFERENCES = ['COMPOSITE', 'IMAGE', 'WAVEFORM', 'SCOORD', 'TCOORD'] as const;
/** What a person (PNAME) may have as properties: everything but NUM and references. */
const PERSON_PROPERTIES = ['TEXT', 'CODE', 'DATETIME', 'DATE', 'TIME', 'UIDREF', 'PNAME'] as const;

/**
 * Relationship content constraints (by-value relationships):
 * - Comprehensive SR: PS3.3 Table A.35.3-2;
 * - Enhanced SR: PS3.3 Table A.35.2-2 (HAS OBS CONTEXT only from a CONTAINER, to a CONTAINER too;
 *   no CONTAINER target of HAS ACQ CONTEXT, HAS PROPERTIES or INFERRED FROM).
 * Both have NUM as a source of HAS ACQ CONTEXT and PNAME as a source of HAS PROPERTIES. Checked
 * against DCMTK's constraint checkers for every source × relationship × target
 * (host/src/derive/derive-sr.slow.test.ts).
 */
export const SR_RELATIONSHIP_CONSTRAINTS: Readonly<Record<SrIod, readonly SrConstraintRow[]>> = {
  'comprehensive-sr': [
    { sources: ['CONTAINER'], relationship: 'CONTAINS', targets: [...VALUES, ...REFERENCES, 'CONTAINER'] },
    { sources: ['CONTAINER', 'TEXT', 'CODE', 'NUM'], relationship: 'HAS OBS CONTEXT', targets: CONTEXT },
    { sources: ['CONTAINER', 'IMAGE', 'WAVEFORM', 'COMPOSITE', 'NUM'], relationship: 'HAS ACQ CONTEXT', targets: [...VALUES, 'CONTAINER'] },
    { sources: 'any', relationship: 'HAS CONCEPT MOD', targets: ['TEXT', 'CODE'] },
    { sources: ['TEXT', 'CODE', 'NUM'], relationship: 'HAS PROPERTIES', targets: [...VALUES, ...REFERENCES, 'CONTAINER'] },
    { sources: ['PNAME'], relationship: 'HAS PROPERTIES', targets: PERSON_PROPERTIES },
    { sources: ['TEXT', 'CODE', 'NUM'], relationship: 'INFERRED FROM', targets: [...VALUES, ...REFERENCES, 'CONTAINER'] },
    { sources: ['SCOORD'], relationship: 'SELECTED FROM', targets: ['IMAGE'] },
    { sources: ['TCOORD'], relationship: 'SELECTED FROM', targets: ['SCOORD', 'IMAGE', 'WAVEFORM'] },
  ],
  'enhanced-sr': [
    { sources: ['CONTAINER'], relationship: 'CONTAINS', targets: [...VALUES, ...REFERENCES, 'CONTAINER'] },
    { sources: ['CONTAINER'], relationship: 'HAS OBS CONTEXT', targets: [...CONTEXT, 'CONTAINER'] },
    { sources: ['CONTAINER', 'IMAGE', 'WAVEFORM', 'COMPOSITE', 'NUM'], relationship: 'HAS ACQ CONTEXT', targets: VALUES },
    { sources: 'any', relationship: 'HAS CONCEPT MOD', targets: ['TEXT', 'CODE'] },
    { sources: ['TEXT', 'CODE', 'NUM'], relationship: 'HAS PROPERTIES', targets: [...VALUES, ...REFERENCES] },
    { sources: ['PNAME'], relationship: 'HAS PROPERTIES', targets: PERSON_PROPERTIES },
    { sources: ['TEXT', 'CODE', 'NUM'], relationship: 'INFERRED FROM', targets: [...VALUES, ...REFERENCES] },
    { sources: ['SCOORD'], relationship: 'SELECTED FROM', targets: ['IMAGE'] },
    { sources: ['TCOORD'], relationship: 'SELECTED FROM', targets: ['SCOORD', 'IMAGE', 'WAVEFORM'] },
  ],
};

/** True when `iod` allows a `source` item to have a `target` child by `relationship` (see {@link SR_RELATIONSHIP_CONSTRAINTS}). */
export function relationshipAllowed(iod: SrIod, source: string, relationship: string, target: string): boolean {
  return SR_RELATIONSHIP_CONSTRAINTS[iod].some(
    (row) => row.relationship === relationship && (row.sources === 'any' || row.sources.includes(source)) && row.targets.includes(target),
  );
}
