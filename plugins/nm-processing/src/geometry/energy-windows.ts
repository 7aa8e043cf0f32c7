import type { SourceInstance } from '@atrium/sdk';
import { itemsOf, numberOf, textOf } from './dicom-values.js';

/** One energy window of an acquisition and whether it is a photopeak window. */
export interface EnergyWindow {
  /** 1-based window number (the Energy Window Vector's value). */
  readonly number: number;
  readonly name: string | undefined;
  /** keV; undefined when the window has no range. */
  readonly lower: number | undefined;
  readonly upper: number | undefined;
  /** true: photopeak (reconstructed), false: scatter (never summed in), undefined: cannot tell. */
  readonly photopeak: boolean | undefined;
  /** Why it was classified so. */
  readonly reason: string;
}

/**
 * Principal gamma (and for Tl-201, mercury x-ray) energies of the radionuclides of nuclear medicine
 * imaging, keV (rounded; from the NNDC / NUDAT decay data): a window containing one is a photopeak window.
 */
const PHOTOPEAKS: Readonly<Record<string, readonly number[]>> = {
  'TC-99M': [140.5],
  'I-123': [159.0],
  'TL-201': [70.8, 167.4],
  'IN-111': [171.3, 245.4],
  'GA-67': [93.3, 184.6, 300.2],
  'I-131': [364.5],
  'LU-177': [112.9, 208.4],
  'XE-133': [81.0],
  'SM-153': [103.2],
  'CO-57': [122.1],
};

const ELEMENTS: Readonly<Record<string, string>> = {
  TECHNETIUM: 'TC', IODINE: 'I', THALLIUM: 'TL', INDIUM: 'IN', GALLIUM: 'GA', LUTETIUM: 'LU', XENON: 'XE', SAMARIUM: 'SM', COBALT: 'CO',
};

/**
 * The radionuclide of an NM image as `TC-99M`, `I-123` …, from the Radionuclide Code Sequence's
 * Code Meaning (`^99m^Technetium`, `Tc-99m`, `Technetium Tc^99m^`) of the first
 * Radiopharmaceutical Information item; undefined when it does not say.
 */
export function radionuclideOf(instance: SourceInstance): string | undefined {
  const info = itemsOf(instance.attribute('RadiopharmaceuticalInformationSequence'))[0];
  const code = itemsOf(info?.RadionuclideCodeSequence)[0];
  const meaning = (textOf(code?.CodeMeaning) ?? '').toUpperCase();
  const mass = /(\d+M?)/.exec(meaning)?.[1];
  const element = Object.entries(ELEMENTS).find(([name, symbol]) => meaning.includes(name) || new RegExp(`\\b${symbol}\\b`).test(meaning.replace(/[^A-Z0-9]+/g, ' ')))?.[1];
  return element && mass ? `${element}-${mass}` : undefined;
}

/**
 * The energy windows of an NM image (Energy Window Information Sequence, one item per window) with
 * photopeak / scatter decided by the radionuclide's principal energies, else by the window name
 * (`SC…`, `SCAT…`, `LOWER`, `UPPER` are scatter windows), else undecided. A single window is the
 * photopeak window.
 */
export function energyWindows(instance: SourceInstance, count: number): EnergyWindow[] {
  const items = itemsOf(instance.attribute('EnergyWindowInformationSequence'));
  const nuclide = radionuclideOf(instance);
  const peaks = nuclide ? PHOTOPEAKS[nuclide] : undefined;
  return Array.from({ length: count }, (_, i) => {
    const item = items[i];
    const range = itemsOf(item?.EnergyWindowRangeSequence)[0];
    const lower = numberOf(range?.EnergyWindowLowerLimit);
    const upper = numberOf(range?.EnergyWindowUpperLimit);
    const name = textOf(item?.EnergyWindowName);
    const base = { number: i + 1, name, lower, upper };
    if (count === 1) return { ...base, photopeak: true, reason: 'the only energy window' };
    if (peaks && lower !== undefined && upper !== undefined) {
      const peak = peaks.find((e) => e >= lower && e <= upper);
      return peak !== undefined
        ? { ...base, photopeak: true, reason: `contains the ${peak} keV line of ${nuclide}` }
        : { ...base, photopeak: false, reason: `contains no principal line of ${nuclide} (${peaks.join(', ')} keV): a scatter window` };
    }
    const upperName = (name ?? '').toUpperCase();
    if (/^(SC|SCAT|LOWER|UPPER|LOW|UP)/.test(upperName)) return { ...base, photopeak: false, reason: `named ${name}: a scatter window` };
    return { ...base, photopeak: undefined, reason: nuclide ? `has no energy range to compare with ${nuclide}` : 'the radionuclide is not identified and the name does not say' };
  });
}
