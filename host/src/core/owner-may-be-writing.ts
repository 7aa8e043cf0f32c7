/**
 * Whether the process `pid`, which left a temp file or an intent in the store, may still
 * be writing it — then a reconcile must leave it alone (several processes may use one
 * store: an import running while `atrium ls` starts). False for a process that is gone,
 * and for this process: it reconciles when it opens the store, before it writes anything. False for an unknown owner (entries written before owners were recorded).
 */
export function ownerMayBeWriting(pid: number | undefined): boolean {
  if (pid === undefined || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
