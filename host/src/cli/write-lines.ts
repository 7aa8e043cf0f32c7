import { once } from 'node:events';

/** Lines are handed to the output in chunks of about this many characters. */
const CHUNK_CHARS = 64 * 1024;

/**
 * Writes `lines` through `out` (which ends each call with a newline) in chunks, waiting
 * between chunks until the process's standard output has drained: a listing of any
 * length never piles up in memory behind a slow reader (`atrium show ... | less`).
 */
export async function writeLines(out: (text: string) => void, lines: Iterable<string>): Promise<void> {
  let chunk: string[] = [];
  let chars = 0;
  for (const line of lines) {
    chunk.push(line);
    chars += line.length + 1;
    if (chars < CHUNK_CHARS) continue;
    out(chunk.join('\n'));
    chunk = [];
    chars = 0;
    if (process.stdout.writableNeedDrain) await once(process.stdout, 'drain');
  }
  if (chunk.length > 0) out(chunk.join('\n'));
}
