import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SeriesCompletion } from './series-completion.js';

describe('SeriesCompletion', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('fires a series once nothing arrived for the stable age; each instance restarts the wait', () => {
    const fired: string[] = [];
    const c = new SeriesCompletion(60_000, (study, series) => fired.push(`${study}/${series}`));
    c.touch('1', '1.1');
    vi.advanceTimersByTime(59_000);
    c.touch('1', '1.1');
    vi.advanceTimersByTime(59_000);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(fired).toEqual(['1/1.1']);
    vi.advanceTimersByTime(120_000);
    expect(fired).toEqual(['1/1.1']);
    c.touch('1', '1.1'); // a late instance: the series is pending again
    vi.advanceTimersByTime(60_000);
    expect(fired).toEqual(['1/1.1', '1/1.1']);
  });

  it('completes the named series at once (end of an import), the others wait; dispose fires nothing', () => {
    const fired: string[] = [];
    const c = new SeriesCompletion(60_000, (_study, series) => fired.push(series));
    c.touch('1', '1.1');
    c.touch('1', '1.2');
    c.complete(['1.1', '9.9']);
    expect(fired).toEqual(['1.1']);
    c.dispose();
    vi.advanceTimersByTime(60_000);
    expect(fired).toEqual(['1.1']);
  });
});
