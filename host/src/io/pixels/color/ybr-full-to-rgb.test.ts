import { describe, expect, it } from 'vitest';
import { ybrFullToRgb } from './ybr-full-to-rgb.js';

describe('YBR_FULL to RGB (PS3.3 C.7.6.3.1.2)', () => {
  it('maps hand-computed values, rounding half up and clamping', () => {
    // Y=76 Cb=85 Cr=255: R = 76 + 1.402*127 = 254.05; G = 76 + 0.344136*43 - 0.714136*127 = 0.10; B = 76 - 1.772*43 = -0.20.
    // Y=150 Cb=44 Cr=21: R = -0.01; G = 150 + 28.91 + 76.41 = 255.32; B = 1.15.
    // Y=Cb=Cr=0: G = 0.344136*128 + 0.714136*128 = 135.46. Y=Cb=Cr=255: G = 255 - 1.058272*127 = 120.60.
    const ybr = Uint8Array.of(128, 128, 128, 76, 85, 255, 150, 44, 21, 0, 0, 0, 255, 255, 255);
    expect(Array.from(ybrFullToRgb(ybr, 8))).toEqual([128, 128, 128, 254, 0, 0, 0, 255, 1, 0, 135, 0, 255, 121, 255]);
  });

  it('keeps the array type and length', () => {
    const out = ybrFullToRgb(new Uint16Array([2048, 2048, 2048]), 12);
    expect(out).toBeInstanceOf(Uint16Array);
    expect(Array.from(out)).toEqual([2048, 2048, 2048]);
  });
});
