import { close, open, rmSync, unlink } from 'node:fs';

/** An open, empty temp file. */
export interface OpenTemp {
  readonly tmp: string;
  readonly fd: number;
}

/**
 * Temp files created ahead, on libuv's thread pool, for a receiver that writes one file
 * after another (the C-STORE SCP, an import): creating a file waits on the file system's
 * journal (milliseconds on a busy disk), and made ahead that wait overlaps the network and
 * the parse instead of holding up the next answer. Only refilled while the event loop turns:
 * a synchronous caller finds it empty and creates its own. Files left by a crash are
 * removed at the next start like any temp file (their process is gone).
 */
export class TempFilePool {
  private readonly ready: OpenTemp[] = [];
  private opening = 0;
  private closed = false;
  private refillScheduled = false;

  /** @param name a new temp file path each call; @param size files kept ready. */
  constructor(
    private readonly name: () => string,
    private readonly size = 16,
  ) {}

  /**
   * A ready temp file (its descriptor handed over), or undefined when none is. The refill
   * starts once the caller's synchronous work is done (the next turn of the event loop): a file
   * being created holds its folder's lock, and the caller is about to rename the file it took
   * out of that folder — run at once, the two met on the lock on every object (the rename spun
   * on it: a sixth of the receiving thread's time in a C-STORE of 512² slices).
   */
  take(): OpenTemp | undefined {
    const temp = this.ready.shift();
    if (!this.refillScheduled && !this.closed) {
      this.refillScheduled = true;
      setImmediate(() => {
        this.refillScheduled = false;
        this.refill();
      });
    }
    return temp;
  }

  /** A ready temp file, or a new one created on the thread pool. */
  async next(): Promise<OpenTemp> {
    const ready = this.take();
    if (ready) return ready;
    const tmp = this.name();
    const fd = await new Promise<number>((resolve, reject) => open(tmp, 'w', (error, fd) => (error ? reject(error) : resolve(fd))));
    return { tmp, fd };
  }

  /** Closes and removes the files not taken; no refill after this. */
  close(): void {
    this.closed = true;
    for (const { tmp, fd } of this.ready.splice(0)) {
      close(fd, () => undefined);
      rmSync(tmp, { force: true });
    }
  }

  private refill(): void {
    while (!this.closed && this.ready.length + this.opening < this.size) {
      const tmp = this.name();
      this.opening++;
      open(tmp, 'w', (error, fd) => {
        this.opening--;
        if (error) return; // the synchronous path reports a problem with the folder
        if (this.closed) {
          close(fd, () => unlink(tmp, () => undefined));
          return;
        }
        this.ready.push({ tmp, fd });
      });
    }
  }
}
