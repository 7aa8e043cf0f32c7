import type { ScoringSlice } from '../types.js';

/** Options of {@link phantomStack}. */
export interface PhantomOptions {
  readonly slices: number;
  readonly rows?: number;
  readonly columns?: number;
  /** mm, same for rows and columns; default 0.5 (pixel area 0.25 mm², an exact binary fraction). */
  readonly spacing?: number;
  /** z of slice i = z0 + i × increment; default 0 and 3. */
  readonly z0?: number;
  readonly increment?: number;
  /** Background HU, default 0. */
  readonly background?: number;
}

/** A mutable axial stack of Int16 HU slices (orientation [1,0,0,0,1,0], position [0,0,z]) for analytic tests. */
export interface Phantom {
  readonly slices: ScoringSlice[];
  /** Sets pixel (row, column) of slice i to hu. */
  set(i: number, row: number, column: number, hu: number): void;
  /** Fills the rectangle rows [r0, r0+h), columns [c0, c0+w) of slice i with hu. */
  box(i: number, r0: number, c0: number, h: number, w: number, hu: number): void;
}

/** Builds an analytic phantom. Instance numbers are i + 1, SOP Instance UIDs `1.2.3.<i+1>`. */
export function phantomStack(o: PhantomOptions): Phantom {
  const rows = o.rows ?? 16;
  const columns = o.columns ?? 16;
  const spacing = o.spacing ?? 0.5;
  const slices: ScoringSlice[] = Array.from({ length: o.slices }, (_, i) => ({
    sopInstanceUID: `1.2.3.${i + 1}`,
    instanceNumber: i + 1,
    rows,
    columns,
    hu: new Int16Array(rows * columns).fill(o.background ?? 0),
    pixelSpacing: [spacing, spacing],
    position: [0, 0, (o.z0 ?? 0) + i * (o.increment ?? 3)],
    orientation: [1, 0, 0, 0, 1, 0],
  }));
  const set = (i: number, row: number, column: number, hu: number): void => {
    (slices[i]!.hu as Int16Array)[row * columns + column] = hu;
  };
  return {
    slices,
    set,
    box(i, r0, c0, h, w, hu) {
      for (let r = r0; r < r0 + h; r++) for (let c = c0; c < c0 + w; c++) set(i, r, c, hu);
    },
  };
}
