import type { SourceInstance } from '@atrium/sdk';
import { itemsOf, textOf } from '../geometry/dicom-values.js';
import type { DynamicTiming } from './dynamic-timing.js';

/**
 * When a diuretic was given, seconds from the start of the acquisition, and what says so: the
 * Intervention Drug Start Time (0018,0035) of the first Intervention Drug Information item against
 * Acquisition Time (0008,0032), or the start of a phase whose Phase Description names a diuretic
 * (DIURETIC, FUROSEMIDE, LASIX). Undefined when nothing marks one.
 */
export function diureticTime(instance: SourceInstance, timing: DynamicTiming): { readonly at: number; readonly source: string } | undefined {
  const drug = itemsOf(instance.attribute('InterventionDrugInformationSequence'))[0];
  const start = seconds(textOf(drug?.InterventionDrugStartTime));
  const acquired = seconds(instance.string('AcquisitionTime'));
  if (start !== undefined && acquired !== undefined) {
    const at = start - acquired;
    if (at >= 0 && at < 86400) return { at, source: `Intervention Drug Start Time ${textOf(drug?.InterventionDrugStartTime)}${textOf(drug?.InterventionDrugName) ? ` (${textOf(drug?.InterventionDrugName)})` : ''}` };
  }
  const phase = timing.phases.find((p) => /DIURETIC|FUROSEMIDE|LASIX/i.test(p.description ?? ''));
  return phase ? { at: phase.start, source: `phase ${phase.number} (${phase.description})` } : undefined;
}

/** Seconds since midnight of a DICOM TM value (HHMMSS.frac, or HHMM / HH); undefined when not a time. */
export function seconds(tm: string | undefined): number | undefined {
  const m = /^(\d{2})(\d{2})?(\d{2})?(\.\d+)?$/.exec(tm?.trim() ?? '');
  if (!m) return undefined;
  return Number(m[1]) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0) + Number(m[4] ?? 0);
}
