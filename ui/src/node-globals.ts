import { Buffer } from 'buffer';

/**
 * dcmjs (writing the measurement SR) and cornerstone's adapters call Node's `Buffer`; the
 * browser has none, so the `buffer` package stands in for it. Imported first by main.ts.
 */
(globalThis as unknown as { Buffer: typeof Buffer }).Buffer ??= Buffer;
