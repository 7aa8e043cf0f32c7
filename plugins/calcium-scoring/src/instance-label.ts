import type { SourceInstance } from '@atrium/sdk';

/** How messages name a slice: `instance 12 (1.2.3…)`, or its position when it has no Instance Number. */
export function instanceLabel(instance: SourceInstance, sortedIndex: number): string {
  const n = instance.number('InstanceNumber');
  return `${n === undefined ? `slice ${sortedIndex + 1} (no Instance Number)` : `instance ${n}`} ${instance.sopInstanceUID}`;
}
