/**
 * Reports an error a timer or another background callback caught instead of throwing it (a
 * throw there would end the process: `atrium serve` or `atrium worker` must outlive an index
 * that is briefly unreachable). One process warning (code `ATRIUM_WARN_BACKGROUND`, on stderr)
 * naming what failed, the error's message and its code. `what` stays quiet after its first
 * failure until {@link backgroundRecovered} is called for it (a heartbeat failing every few
 * seconds through an outage is reported once). `detail`: words after `what`, not part of the key.
 */
export function backgroundFailure(what: string, e: unknown, detail = ''): void {
  if (failing.has(what)) return;
  failing.add(what);
  const code = (e as { code?: unknown } | null)?.code;
  const message = e instanceof Error ? e.message : String(e);
  process.emitWarning(`${what}${detail} failed: ${message}${typeof code === 'string' ? ` [${code}]` : ''} (the process keeps running)`, {
    code: 'ATRIUM_WARN_BACKGROUND',
  });
}

/** `what` worked again: its next failure is reported (and that it recovered is, if it had failed). */
export function backgroundRecovered(what: string): void {
  if (failing.delete(what)) process.emitWarning(`${what} works again`, { code: 'ATRIUM_WARN_BACKGROUND' });
}

/** What failed last time and has not worked since (in this thread). */
const failing = new Set<string>();
