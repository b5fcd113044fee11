// The float32 kernel's vectorised exp (assembly/f32/vexp32.ts) against the correctly rounded f32 exp
// (Math.fround(Math.exp(x)), x an f32 value: Math.exp is within an ulp of f64, far finer than f32's ulp), in
// f32 ulps, through the module's `expQuadInPlace` entry point on its own instance of the kernel module.
import { describe, expect, it } from 'vitest';
import { vectorExp32 as vectorExp } from './helpers/exp-module.js';
import { mulberry32 } from './helpers/random.js';

/** The largest distance allowed: the Taylor tail and Horner's roundings stay within one ulp of f32. */
const MAX_ULP = 1;

/** |bits(a) − bits(b)| for each pair; both sides are ≥ 0 (or Infinity), so the bit order is the value order. */
function ulpDistances(actual: Float32Array, expected: Float32Array): Int32Array {
  const a = new Int32Array(actual.buffer, actual.byteOffset, actual.length);
  const e = new Int32Array(expected.buffer, expected.byteOffset, expected.length);
  return a.map((bits, i) => Math.abs(bits - e[i]!));
}

function expectWithinUlps(label: string, args: Float32Array): void {
  const actual = vectorExp(args);
  const expected = args.map((x) => Math.fround(Math.exp(x)));
  const distances = ulpDistances(actual, expected);
  const counts = new Map<number, number>();
  let worst = 0;
  distances.forEach((u, i) => {
    counts.set(u, (counts.get(u) ?? 0) + 1);
    if (u > distances[worst]!) worst = i;
  });
  const histogram = [...counts].sort(([a], [b]) => a - b).map(([u, n]) => `${u} ulp: ${n}`);
  console.info(`f32 vexp ${label}, ${args.length} arguments: ${histogram.join(', ')} (largest at x = ${args[worst]})`);
  const far = distances.findIndex((u) => u > MAX_ULP);
  if (far >= 0) {
    throw new Error(`${label}: exp(${args[far]}) = ${actual[far]}, expected ${expected[far]} (${distances[far]} ulp apart)`);
  }
}

describe('f32x4 exp against the correctly rounded f32 exp', () => {
  it(`is within ${MAX_ULP} ulp on 1,000,003 arguments spread over [−104, 0] (a count that leaves 3 for the scalar tail)`, () => {
    const uniform = mulberry32(20250101);
    const count = 1_000_003;
    const args = Float32Array.from({ length: count }, (_, i) => -104 * ((i + uniform()) / count));
    expectWithinUlps('[−104, 0]', args);
  });

  it(`is within ${MAX_ULP} ulp on subnormal results, small |x| and positive arguments up to overflow`, () => {
    const uniform = mulberry32(11);
    expectWithinUlps('subnormal results', Float32Array.from({ length: 200_000 }, () => -87.34 - 16.6 * uniform()));
    expectWithinUlps('small |x|', Float32Array.from({ length: 200_000 }, () => -(10 ** (-40 * uniform()))));
    expectWithinUlps('(0, 88.7]', Float32Array.from({ length: 200_000 }, () => 88.7 * uniform()));
  });

  it('special values: 0, −0, the underflow threshold, −Infinity, overflow', () => {
    const args = Float32Array.of(0, -0, -1e-45, -87.33, -103.9, -104, -105, -1000, -Infinity, 88.72, 88.73, 1000, Infinity);
    expectWithinUlps('special values', args);
    const actual = vectorExp(args);
    expect(actual[0]).toBe(1);
    expect(actual[1]).toBe(1);
    expect(actual[6]).toBe(0); // −105
    expect(actual[8]).toBe(0); // −Infinity
    expect(actual[10]).toBe(Infinity); // 88.73
    expect(actual[12]).toBe(Infinity);
  });

  it('NaN gives NaN in its lane without disturbing the others', () => {
    const actual = vectorExp(Float32Array.of(Number.NaN, -1, -2, -3, Number.NaN));
    expect(actual[0]).toBeNaN();
    expect(actual.subarray(1, 4)).toEqual(vectorExp(Float32Array.of(-1, -2, -3)));
    expect(actual[4]).toBeNaN();
  });
});
