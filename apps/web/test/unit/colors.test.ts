import { describe, expect, it } from 'vitest';
import { blendAll, blendColor, componentColor } from '../../src/view/colors.js';

describe('blendColor', () => {
  it('gives a certain point its component colour', () => {
    const r = Float64Array.of(0, 1, 0);
    expect(blendColor(r, 0, 3)).toEqual(componentColor(1));
  });

  it('mixes the colours of an uncertain point by its responsibilities', () => {
    const r = Float64Array.of(0.5, 0.5);
    const [a, b] = [componentColor(0), componentColor(1)];
    expect(blendColor(r, 0, 2)).toEqual([0, 1, 2].map((c) => Math.round((a[c]! + b[c]!) / 2)));
  });

  it('reads the requested row of a rows × k matrix', () => {
    const r = Float64Array.of(1, 0, 0, 1);
    expect(blendColor(r, 1, 2)).toEqual(componentColor(1));
  });

  it('shows grey when a row has no responsibility at all', () => {
    expect(blendColor(Float64Array.of(0, 0), 0, 2)).toEqual([128, 128, 128]);
  });

  it('packs every row as 0xRRGGBB', () => {
    const packed = blendAll(Float64Array.of(1, 0, 0, 1), 2, 2);
    const [r, g, b] = componentColor(1);
    expect(packed[1]).toBe((r << 16) | (g << 8) | b);
  });

  it('cycles the palette past its length', () => {
    expect(componentColor(9)).toEqual(componentColor(0));
  });
});
