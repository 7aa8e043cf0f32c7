// Preloaded into a child process (`node --import`): at exit, writes its peak resident set
// size and the bytes it read (Linux /proc/self/io rchar; -1 elsewhere) as JSON to the file
// named by ATRIUM_RESOURCES_FILE. Measures what a command really used, from outside it.
import { readFileSync, writeFileSync } from 'node:fs';

const out = process.env.ATRIUM_RESOURCES_FILE;
if (out) {
  process.on('exit', () => {
    let readBytes = -1;
    try {
      readBytes = Number(/^rchar: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'))?.[1] ?? -1);
    } catch {
      // not Linux
    }
    writeFileSync(out, JSON.stringify({ maxRssBytes: process.resourceUsage().maxRSS * 1024, readBytes }));
  });
}
