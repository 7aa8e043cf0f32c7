import { SdkError, type SourceInstance } from '@atrium/sdk';
import type { Seed } from './scoring/index.js';

/** What the reader did: scored seeded lesions, reviewed and found no calcium, or nothing (not scored). */
export interface Reading {
  readonly kind: 'scored' | 'no-calcium' | 'not-scored';
  /** Person Name of the reader, when given. */
  readonly reader?: string;
  /** Verifying Organization (the parameter, else the series' Institution Name). */
  readonly organization?: string;
  /** VERIFIED: a reader is named and the study was scored or reviewed. */
  readonly verified: boolean;
  /** When the analysis ran (the Verification DateTime). */
  readonly at: Date;
}

/**
 * The reading the parameters describe. `reviewedNoCalcium` with an artery seed is a
 * contradiction (ATRIUM_ERR_PARAM_INVALID); a reader without an organization and a series
 * without Institution Name cannot verify (Verifying Organization is Type 1).
 */
export function readingOf(params: { readonly reader: string; readonly readerOrganization: string; readonly reviewedNoCalcium: boolean }, seeds: readonly Seed[], first: SourceInstance, at: Date): Reading {
  const seeded = seeds.some((s) => s.artery !== undefined);
  if (params.reviewedNoCalcium && seeded) {
    throw new SdkError('ATRIUM_ERR_PARAM_INVALID', 'parameter "reviewedNoCalcium" says the reader found no coronary calcium, but "seeds" names arteries: give one or the other', { parameter: 'reviewedNoCalcium' });
  }
  const kind = seeded ? 'scored' : params.reviewedNoCalcium ? 'no-calcium' : 'not-scored';
  const reader = params.reader.trim();
  if (reader === '') return { kind, verified: false, at };
  const organization = params.readerOrganization.trim() || first.string('InstitutionName')?.trim() || '';
  if (kind !== 'not-scored' && organization === '') {
    throw new SdkError('ATRIUM_ERR_PARAM_INVALID', 'parameter "readerOrganization" is needed to verify: the series has no Institution Name (Verifying Organization is required with a Verifying Observer)', { parameter: 'readerOrganization' });
  }
  return { kind, reader, ...(organization ? { organization } : {}), verified: kind !== 'not-scored', at };
}
