import { type IodDefinition, Tag } from '@atrium/sdk';

/** What a condition may look at: which attributes are present, and first numeric values. */
export interface ConditionView {
  has(keyword: string): boolean;
  number(keyword: string): number | undefined;
}

/** A Type 1C / 2C condition that can be decided from the dataset alone. */
export interface DecidableCondition {
  readonly keyword: string;
  readonly tag: number;
  readonly type: '1C' | '2C';
  /** Whether the condition concerns this IOD. */
  applies(iod: IodDefinition): boolean;
  /** Whether the attribute is required in this dataset. */
  required(view: ConditionView): boolean;
  /** The condition, as messages say it. */
  readonly why: string;
}

const hasModule = (iod: IodDefinition, id: string): boolean => iod.modules.some((m) => m.id === id);

/**
 * The decidable conditions the engine honours (writing an empty Type 2C value) and
 * `validateDerived` checks (PS3.3 C.7.6.1, C.7.6.3).
 */
export const DECIDABLE_CONDITIONS: readonly DecidableCondition[] = [
  {
    keyword: 'PixelData', tag: Tag.PixelData, type: '1C',
    applies: (iod) => hasModule(iod, 'image-pixel'),
    required: () => true,
    why: 'the IOD is an image IOD',
  },
  {
    keyword: 'PlanarConfiguration', tag: Tag.PlanarConfiguration, type: '1C',
    applies: (iod) => hasModule(iod, 'image-pixel'),
    required: (v) => (v.number('SamplesPerPixel') ?? 1) > 1,
    why: 'Samples per Pixel is greater than 1',
  },
  {
    keyword: 'PatientOrientation', tag: Tag.PatientOrientation, type: '2C',
    applies: (iod) => hasModule(iod, 'general-image'),
    required: (v) => !v.has('ImageOrientationPatient'),
    why: 'the image has no Image Orientation (Patient)',
  },
];
