// Preloaded into a child process (`node --import`): at exit, writes its peak resident set
// size and the bytes it read as JSON to the file named by ATRIUM_RESOURCES_FILE. Measures
// what a command really used, from outside it. On Linux both come from /proc/self: VmHWM
// (peak RSS of this program's own address space; getrusage's maxrss would also count the
// parent's RSS at fork, which execve keeps) and rchar (bytes read). Elsewhere:
// process.resourceUsage().maxRSS, and -1 for bytes read.
import { readFileSync, writeFileSync } from 'node:fs';

const out = process.env.ATRIUM_RESOURCES_FILE;
if (out) {
  process.on('exit', () => {
    let maxRssBytes = process.resourceUsage().maxRSS * 1024;
    let readBytes = -1;
    try {
      const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
      if (hwm) maxRssBytes = Number(hwm[1]) * 1024;
      readBytes = Number(/^rchar: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'))?.[1] ?? -1);
    } catch {
      // not Linux
    }
    writeFileSync(out, JSON.stringify({ maxRssBytes, readBytes }));
  });
}
