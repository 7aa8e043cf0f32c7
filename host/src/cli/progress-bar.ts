/**
 * A one-line progress bar on stderr, drawn only when stderr is a terminal and at most
 * ten times a second, so piped and `--json` output stays clean.
 */
export class ProgressBar {
  private last = 0;
  private readonly enabled: boolean;

  constructor(private readonly label: string, stream: NodeJS.WriteStream = process.stderr) {
    this.enabled = Boolean(stream.isTTY);
    this.stream = stream;
  }
  private readonly stream: NodeJS.WriteStream;

  update(done: number, total: number, detail = ''): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (done < total && now - this.last < 100) return;
    this.last = now;
    const width = 30;
    const frac = total === 0 ? 1 : done / total;
    const filled = Math.round(frac * width);
    const bar = '#'.repeat(filled) + '-'.repeat(width - filled);
    const tail = detail.length > 40 ? `…${detail.slice(-39)}` : detail;
    this.stream.write(`\r${this.label} [${bar}] ${done}/${total} ${tail}`.padEnd(this.stream.columns ?? 100).slice(0, (this.stream.columns ?? 100) - 1));
  }

  done(): void {
    if (this.enabled) this.stream.write('\n');
  }
}
