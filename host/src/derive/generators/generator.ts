import type { DicomValue } from '@atrium/sdk';
import type { DataSet } from '../../io/data-set.js';
import type { DeriveRequest } from '../derive-object.js';

/** What a generator may use to compute the value of one attribute of a derived object. */
export interface GeneratorContext {
  readonly request: DeriveRequest;
  /** The keyword of the attribute being generated. */
  readonly keyword: string;
  readonly sopClassUID: string;
  readonly seriesInstanceUID: string;
  readonly sopInstanceUID: string;
  /** The source datasets, in request order. */
  readonly sources: readonly DataSet[];
}

/** A named generator: the value of the attribute, or undefined to leave it absent. */
export type Generator = (ctx: GeneratorContext) => DicomValue | undefined;
