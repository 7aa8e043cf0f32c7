/**
 * The wait before the next attempt of a job whose attempt number `attempts` (1-based)
 * failed with a retryable error: `baseMs · 2^(attempts − 1)`, at most `maxMs`.
 * With the defaults of the queue (5 s, cap 5 min): 5 s, 10 s, 20 s, 40 s, …, 300 s.
 */
export function retryDelayMs(attempts: number, baseMs: number, maxMs: number): number {
  const exponent = Math.max(0, Math.floor(attempts) - 1);
  // 2^exponent overflows to Infinity for absurd attempt counts; min() still caps it.
  return Math.min(baseMs * 2 ** exponent, maxMs);
}
