/**
 * Whether process `pid` exists (signal 0 reaches it, or it exists but belongs to another
 * user). False for an absent or invalid pid. The current process is alive.
 */
export function pidIsAlive(pid: number | undefined): boolean {
  if (pid === undefined || !Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
