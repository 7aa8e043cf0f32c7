import type { SettingTable } from '../../db/setting-table.js';
import { AtriumError } from '../../errors/atrium-error.js';

/**
 * What the workstation knows of one printer of the AE table (role `print`): the image matrix
 * it prints at (DCMTK dcmprscp bounds it by its Min/Max Print Resolution), the grayscale
 * depth it takes (8, or 12 as dcmprscp's Supports12Bit), and how the patient is identified
 * on its films: a Basic Annotation Box of `annotationFormat` (Annotation Display Format ID)
 * when the printer takes that SOP class, else text burned into each image; `label` false
 * prints no identification.
 */
export interface PrinterProfile {
  /** Pixels of the larger side of each image (absent: the `printMatrix` setting). */
  readonly matrix?: number;
  /** Bits of each grayscale pixel sent: 8, or 12 (in 16 allocated). */
  readonly bits: 8 | 12;
  /** Annotation Display Format ID (2010,0030) of the printer, when it supports Basic Annotation Box. */
  readonly annotationFormat?: string;
  /** Print the patient's name and ID and the study date on each film. */
  readonly label: boolean;
}

/** A printer nothing is configured for: the print matrix setting, 8 bits, labels burned in. */
export const DEFAULT_PRINTER_PROFILE: PrinterProfile = Object.freeze({ bits: 8, label: true });

/** Prefix of the printer profiles among the settings (`printer.<AE title>`, JSON). */
export const PRINTER_PROFILE_PREFIX = 'printer.';

/** The options of `atrium ae add` that set a printer profile, as text. */
export interface PrinterProfileText {
  readonly matrix?: string;
  readonly bits?: string;
  readonly annotation?: string;
  readonly label?: string;
}

function bad(option: string, value: string, allowed: string): AtriumError {
  return new AtriumError('ATRIUM_ERR_AE_BAD_VALUE', `Bad printer ${option} "${value}": allowed ${allowed}`, { field: option, value });
}

/**
 * `base` with the options given applied: `matrix` 64–8192 (or `default`), `bits` 8 or 12,
 * `annotation` an Annotation Display Format ID (or `none`), `label` on / off.
 * @throws AtriumError `ATRIUM_ERR_AE_BAD_VALUE` naming the option and what it allows.
 */
export function applyPrinterProfile(base: PrinterProfile, text: PrinterProfileText): PrinterProfile {
  let next: PrinterProfile = base;
  if (text.matrix !== undefined) {
    const t = text.matrix.trim();
    if (t === 'default') {
      const { matrix: _dropped, ...rest } = next;
      next = rest;
    } else if (/^\d+$/.test(t) && Number(t) >= 64 && Number(t) <= 8192) next = { ...next, matrix: Number(t) };
    else throw bad('matrix', text.matrix, 'a whole number from 64 to 8192, or default');
  }
  if (text.bits !== undefined) {
    if (text.bits.trim() !== '8' && text.bits.trim() !== '12') throw bad('bits', text.bits, '8 or 12');
    next = { ...next, bits: Number(text.bits.trim()) as 8 | 12 };
  }
  if (text.annotation !== undefined) {
    const t = text.annotation.trim();
    if (t.toLowerCase() === 'none') {
      const { annotationFormat: _dropped, ...rest } = next;
      next = rest;
    } else if (/^[A-Z0-9_ ]{1,16}$/.test(t.toUpperCase())) next = { ...next, annotationFormat: t.toUpperCase() };
    else throw bad('annotation', text.annotation, 'an Annotation Display Format ID (1-16 of A-Z, 0-9, space, underscore), or none');
  }
  if (text.label !== undefined) {
    const t = text.label.trim().toLowerCase();
    if (!['on', 'off', 'true', 'false'].includes(t)) throw bad('label', text.label, 'on or off');
    next = { ...next, label: t === 'on' || t === 'true' };
  }
  return next;
}

/** The profile of printer `title` (the default when none is stored or it is unreadable). */
export function loadPrinterProfile(settings: Pick<SettingTable, 'list'>, title: string): PrinterProfile {
  const text = settings.list(`${PRINTER_PROFILE_PREFIX}${title}`).get(`${PRINTER_PROFILE_PREFIX}${title}`);
  if (text === undefined) return DEFAULT_PRINTER_PROFILE;
  try {
    const v = JSON.parse(text) as Partial<PrinterProfile>;
    return {
      bits: v.bits === 12 ? 12 : 8, label: v.label !== false,
      ...(typeof v.matrix === 'number' ? { matrix: v.matrix } : {}), ...(typeof v.annotationFormat === 'string' ? { annotationFormat: v.annotationFormat } : {}),
    };
  } catch {
    return DEFAULT_PRINTER_PROFILE;
  }
}

/** Keeps the profile of printer `title`. */
export function savePrinterProfile(settings: Pick<SettingTable, 'set'>, title: string, profile: PrinterProfile): void {
  settings.set(`${PRINTER_PROFILE_PREFIX}${title}`, JSON.stringify(profile));
}

/** The profile as one cell of `atrium ae ls`: `matrix 512, 12 bit, annotation 1\ANNOTATION`. */
export function describePrinterProfile(p: PrinterProfile): string {
  return [`matrix ${p.matrix ?? 'default'}`, `${p.bits} bit`, p.label ? (p.annotationFormat ? `annotation ${p.annotationFormat}` : 'label burned in') : 'no label'].join(', ');
}
