/**
 * Limits progress writes to one per `intervalMs` (200 ms: at most 5 per second): the
 * first report is written at once, later ones within the interval are merged (last
 * fraction, last message given) and written when the interval ends. `flush` writes what
 * is waiting now; `cancel` drops it.
 */
export class ProgressThrottle {
  private last = Number.NEGATIVE_INFINITY;
  private waiting: { fraction: number; message: string | undefined } | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly write: (fraction: number, message: string | undefined) => void,
    private readonly now: () => number = Date.now,
  ) {}

  push(fraction: number, message?: string): void {
    const t = this.now();
    if (this.timer === undefined && t - this.last >= this.intervalMs) {
      this.last = t;
      this.write(fraction, message);
      return;
    }
    this.waiting = { fraction, message: message ?? this.waiting?.message };
    if (this.timer === undefined) {
      this.timer = setTimeout(() => this.flush(), Math.max(0, this.intervalMs - (t - this.last)));
      this.timer.unref();
    }
  }

  flush(): void {
    this.clearTimer();
    const w = this.waiting;
    this.waiting = undefined;
    if (w !== undefined) {
      this.last = this.now();
      this.write(w.fraction, w.message);
    }
  }

  cancel(): void {
    this.clearTimer();
    this.waiting = undefined;
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
