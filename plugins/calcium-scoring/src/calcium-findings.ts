import type { SourceInstance } from '@atrium/sdk';
import type { Protocol } from './check-protocol.js';
import type { MassCalibration } from './mass-calibration.js';
import type { Reading } from './reading.js';
import type { CalciumScore } from './scoring/index.js';
import type { ScoringMethod } from './scoring-method.js';

/** Everything a run found and decided, as the reports, the SR and the result print it. */
export interface CalciumFindings {
  readonly score: CalciumScore;
  readonly reading: Reading;
  readonly protocol: Protocol;
  readonly method: ScoringMethod;
  readonly calibration?: MassCalibration;
  /** Warnings (unmet expectations of the load table, ...). */
  readonly warnings: readonly string[];
  /** The first slice: patient, study and acquisition attributes are read from it. */
  readonly first: SourceInstance;
  readonly slices: number;
  /** App name and version. */
  readonly producer: string;
}

/** Whether the findings carry scores: seeded lesions, or a reviewed study without calcium. */
export function isScored(f: Pick<CalciumFindings, 'reading'>): boolean {
  return f.reading.kind !== 'not-scored';
}
