import type { DicomValue } from '@atrium/sdk';

/** An object as the test support builds it: attributes by keyword, and its frames (rows × columns each; Int16 for CT in HU). */
export interface NmObject {
  readonly attributes: Readonly<Record<string, DicomValue>>;
  readonly frames: readonly (Uint16Array | Int16Array)[];
}
