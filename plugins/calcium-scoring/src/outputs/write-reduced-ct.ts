import type { AppContext, SourceSeries } from '@atrium/sdk';

/** The reduced CT series: a copy of each kept source slice, its Pixel Data unchanged (output `reduced-ct`, 1:1). Progress 0.5 → 0.7. */
export async function writeReducedCt(ctx: AppContext, input: SourceSeries, kept: readonly number[]): Promise<void> {
  for (const [k, i] of kept.entries()) {
    ctx.signal.throwIfAborted();
    await ctx.derive.write('reduced-ct', { sources: [input.instances[i]!], copySourcePixels: true });
    ctx.progress(0.5 + (0.2 * (k + 1)) / kept.length, `reduced CT ${k + 1} of ${kept.length}`);
  }
}
