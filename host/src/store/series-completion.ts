import { backgroundFailure, backgroundRecovered } from '../core/background-failure.js';

/** Orthanc's StableAge default: a series is complete once nothing new arrived for 60 s. */
export const DEFAULT_STABLE_AGE_MS = 60_000;

interface Pending {
  readonly StudyInstanceUID: string;
  readonly timer: NodeJS.Timeout;
}

/**
 * Decides when a series is complete: `stableAgeMs` after the last instance stored in it
 * (each new instance restarts the wait), or at once when {@link complete} is called (the
 * end of an import or of an app run). A series fires once per quiet period; an instance
 * arriving later makes it pending again. Timers never keep the process alive.
 */
export class SeriesCompletion {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly stableAgeMs: number,
    private readonly fire: (StudyInstanceUID: string, SeriesInstanceUID: string) => void,
  ) {}

  /** An instance of the series was stored: (re)start its wait. */
  touch(StudyInstanceUID: string, SeriesInstanceUID: string): void {
    const known = this.pending.get(SeriesInstanceUID);
    if (known && known.StudyInstanceUID === StudyInstanceUID) {
      known.timer.refresh();
      return;
    }
    if (known) clearTimeout(known.timer);
    const timer = setTimeout(() => {
      try {
        this.complete([SeriesInstanceUID]);
        backgroundRecovered('series completion');
      } catch (e) {
        // On a timer a throw would end the process (the index may be briefly unreachable).
        backgroundFailure('series completion', e, ` (series ${SeriesInstanceUID})`);
      }
    }, this.stableAgeMs);
    timer.unref();
    this.pending.set(SeriesInstanceUID, { StudyInstanceUID, timer });
  }

  /** Complete these series now (those still pending; all pending ones without an argument). */
  complete(seriesUids: Iterable<string> = [...this.pending.keys()]): void {
    for (const uid of seriesUids) {
      const p = this.pending.get(uid);
      if (!p) continue;
      clearTimeout(p.timer);
      this.pending.delete(uid);
      this.fire(p.StudyInstanceUID, uid);
    }
  }

  /** Forget every pending series without firing (the store is closing). */
  dispose(): void {
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
  }
}
