// The kernel's vectorised exp (assembly/vexp.ts) against Math.exp, in ulps (distance between bit patterns),
// through the module's `expInPlace` entry point on its own instance of the kernel module.
import { describe, expect, it } from 'vitest';
import { vectorExp } from './helpers/exp-module.js';
import { mulberry32 } from './helpers/random.js';

/** |bits(a) − bits(b)| for each pair; both sides are ≥ 0 (or Infinity), so the bit order is the value order. */
function ulpDistances(actual: Float64Array, expected: Float64Array): BigInt64Array {
  const a = new BigInt64Array(actual.buffer, actual.byteOffset, actual.length);
  const e = new BigInt64Array(expected.buffer, expected.byteOffset, expected.length);
  return a.map((bits, i) => (bits > e[i]! ? bits - e[i]! : e[i]! - bits));
}

/** Histogram of ulp distances, and the first argument at the largest distance. */
function distribution(args: Float64Array, distances: BigInt64Array): { counts: Map<bigint, number>; worst: number } {
  const counts = new Map<bigint, number>();
  let worst = 0;
  distances.forEach((u, i) => {
    counts.set(u, (counts.get(u) ?? 0) + 1);
    if (u > distances[worst]!) worst = i;
  });
  return { counts, worst: args[worst]! };
}

function expectWithinOneUlp(label: string, args: Float64Array): void {
  const actual = vectorExp(args);
  const expected = args.map(Math.exp);
  const distances = ulpDistances(actual, expected);
  const { counts, worst } = distribution(args, distances);
  const histogram = [...counts].sort(([a], [b]) => Number(a - b)).map(([u, n]) => `${u} ulp: ${n}`);
  console.info(`vexp ${label}, ${args.length} arguments: ${histogram.join(', ')} (largest at x = ${worst})`);
  const far = distances.findIndex((u) => u > 1n);
  if (far >= 0) {
    throw new Error(`${label}: exp(${args[far]}) = ${actual[far]}, Math.exp gives ${expected[far]} (${distances[far]} ulp apart)`);
  }
}

describe('vectorised exp against Math.exp', () => {
  it('is within 1 ulp on 1,000,001 arguments spread over [−746, 0] (odd count: the last one goes alone)', () => {
    const uniform = mulberry32(20240601);
    const count = 1_000_001;
    // Evenly spaced cells with a random point in each: every part of the range is hit, no grid alignment.
    const args = Float64Array.from({ length: count }, (_, i) => -746 * ((i + uniform()) / count));
    expectWithinOneUlp('[−746, 0]', args);
  });

  it('is within 1 ulp on the subnormal range [−745.14, −708.39] and on small |x| down to 1e-300', () => {
    const uniform = mulberry32(7);
    const subnormal = Float64Array.from({ length: 200_000 }, () => -708.39 - 36.75 * uniform());
    const small = Float64Array.from({ length: 200_000 }, () => -(10 ** (-300 * uniform())));
    expectWithinOneUlp('subnormal results', subnormal);
    expectWithinOneUlp('small |x|', small);
  });

  it('special values: 0, −0, tiny, the subnormal and underflow thresholds, −Infinity, overflow', () => {
    const args = Float64Array.of(
      0, -0, -Number.MIN_VALUE, -1e-300, -(2 ** -60), -708.4, -708.3964185322641, -745.13,
      -745.1332191019411, -745.1332191019412, -746, -1000, -1e300, -Infinity,
      0.5, 1, 709.78, 709.79, 1000, Infinity,
    );
    expectWithinOneUlp('special values', args);
    const actual = vectorExp(args);
    expect(actual[0]).toBe(1);
    expect(actual[1]).toBe(1);
    expect(actual[args.indexOf(-1000)]).toBe(0);
    expect(actual[args.indexOf(-Infinity)]).toBe(0);
    expect(actual[args.indexOf(709.79)]).toBe(Infinity);
  });

  it('NaN gives NaN in either lane, without disturbing the other lane', () => {
    const actual = vectorExp(Float64Array.of(Number.NaN, -1, -2, Number.NaN, Number.NaN));
    expect(actual[0]).toBeNaN();
    // The lanes are independent: −1 and −2 come out as they do when paired with each other.
    expect(actual.subarray(1, 3)).toEqual(vectorExp(Float64Array.of(-1, -2)));
    expect(actual[3]).toBeNaN();
    expect(actual[4]).toBeNaN();
  });
});
