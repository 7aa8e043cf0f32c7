import type { SourceInstance } from '@atrium/sdk';
import { energyWindows, type EnergyWindow } from '../geometry/energy-windows.js';
import { nmRefusal } from '../geometry/nm-refusal.js';

/**
 * The energy windows to reconstruct: `photopeaks` (every window holding a principal line of the
 * radionuclide; scatter windows are never summed in) or the listed window numbers. Refuses windows
 * that do not exist, and an acquisition whose windows cannot be told apart without a list.
 */
export function chooseWindows(instance: SourceInstance, count: number, choice: string, app: string): { chosen: EnergyWindow[]; all: EnergyWindow[] } {
  const all = energyWindows(instance, count);
  if (choice !== 'photopeaks') {
    const numbers = [...new Set(choice.split(',').map(Number))];
    const missing = numbers.filter((n) => !all.some((w) => w.number === n));
    if (missing.length > 0) throw nmRefusal(app, `energy window(s) ${missing.join(', ')} do not exist; the image has ${count}`, { parameter: 'energyWindows' });
    return { chosen: all.filter((w) => numbers.includes(w.number)), all };
  }
  const undecided = all.filter((w) => w.photopeak === undefined);
  if (undecided.length > 0) {
    throw nmRefusal(app, `energy window(s) ${undecided.map((w) => `${w.number}${w.name ? ` (${w.name})` : ''}: ${w.reason}`).join('; ')}; name the photopeak windows with energyWindows=1,2…`, { parameter: 'energyWindows' });
  }
  const chosen = all.filter((w) => w.photopeak);
  if (chosen.length === 0) throw nmRefusal(app, `no photopeak window among ${all.map((w) => `${w.number} (${w.reason})`).join(', ')}`, { parameter: 'energyWindows' });
  return { chosen, all };
}
