import type { Vec3 } from '@atrium/sdk';

/**
 * The patient-orientation letters of a direction (PS3.3 C.7.6.1.1.1: L/R, P/A, H/F), the
 * dominant one first, with the others whose component is at least a third of the largest — e.g.
 * `L` for the patient's left, `LA` for a direction between left and anterior.
 */
export function orientationLabel(v: Vec3): string {
  const letters = [v[0] >= 0 ? 'L' : 'R', v[1] >= 0 ? 'P' : 'A', v[2] >= 0 ? 'H' : 'F'];
  const order = [0, 1, 2].sort((a, b) => Math.abs(v[b]!) - Math.abs(v[a]!));
  const largest = Math.abs(v[order[0]!]!);
  return order.filter((a) => Math.abs(v[a]!) >= largest / 3 && Math.abs(v[a]!) > 1e-6).map((a) => letters[a]).join('');
}
