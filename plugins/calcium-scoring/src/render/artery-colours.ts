import type { Artery } from '../scoring/index.js';
import type { Rgb } from './canvas.js';

/** Colour of each artery's lesions in the screen saves and key images. */
export const ARTERY_COLOURS: Readonly<Record<Artery, Rgb>> = {
  LM: [255, 255, 0],
  LAD: [255, 0, 0],
  LCX: [0, 255, 0],
  RCA: [0, 96, 255],
  PDA: [255, 0, 255],
};

/** Colour of candidates no seed assigned to an artery (unverified). */
export const CANDIDATE_COLOUR: Rgb = [255, 165, 0];

/** The colour of a lesion: its artery's, or {@link CANDIDATE_COLOUR} when it has none. */
export function lesionColour(artery: Artery | undefined): Rgb {
  return artery === undefined ? CANDIDATE_COLOUR : ARTERY_COLOURS[artery];
}
