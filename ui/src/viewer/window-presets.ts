/** A window (center, width) a user picks by name or key, in the modality's units (HU for CT). */
export interface WindowPreset {
  name: string;
  key: string;
  center: number;
  width: number;
}

/** CT presets as radiology workstations ship them (keys 1–6); other modalities use their stored window. */
export const CT_PRESETS: readonly WindowPreset[] = [
  { name: 'Soft tissue', key: '1', center: 40, width: 400 },
  { name: 'Lung', key: '2', center: -600, width: 1500 },
  { name: 'Bone', key: '3', center: 400, width: 1800 },
  { name: 'Brain', key: '4', center: 40, width: 80 },
  { name: 'Mediastinum', key: '5', center: 50, width: 350 },
  { name: 'Calcium', key: '6', center: 300, width: 800 },
];

/** Center/width ↔ the lower/upper bounds cornerstone's VOI range uses (PS3.3 C.11.2.1.2, linear). */
export function toRange(center: number, width: number): { lower: number; upper: number } {
  return { lower: center - width / 2, upper: center + width / 2 };
}

export function fromRange(range: { lower: number; upper: number }): { center: number; width: number } {
  return { center: (range.lower + range.upper) / 2, width: range.upper - range.lower };
}
