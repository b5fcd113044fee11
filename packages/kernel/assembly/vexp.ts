// exp on both lanes of an f64x2 at once, within 1 ulp of Math.exp (test/vexp.test.ts measures it).
import { EXP_TABLE, EXP_TABLE_BITS } from './exp-table';

// exp(x) = 2^m · 2^(j/N) · exp(r) with N = 2^EXP_TABLE_BITS = 512, n = round(x·N / ln 2) = m·N + j (0 ≤ j < N)
// and r = x − n·ln 2 / N, |r| ≤ ln 2 / 2N < 2^-10.5:
// - ln 2 = LN2_HI + LN2_LO where LN2_HI keeps 32 significant bits, so n·LN2_HI/N is exact for |n| < 2^21 (here
//   |n| < 2^19.1) and x − n·LN2_HI/N is exact (the two are within a factor 2 of each other); subtracting
//   n·LN2_LO/N rounds r by at most 2^-64.
// - 2^(j/N) = hi_j·(1 + tail_j) from exp-table.ts, to within 2^-106.
// - exp(r) − 1 = r + r²/2! + r³/3! + r⁴/4!: the Taylor remainder r^5/5! < 2^-59.5 (N = 512 is what lets degree 4
//   do; at N = 256 it is 2^-54.5, up to 0.34 ulp, and degree 5 with N = 128 measured 4% slower in the E-step).
// - exp(x) = s + s·(tail_j + exp(r) − 1) with s = 2^m·hi_j: the second term is below 2^-10 of the first, so the
//   roundings before the last addition, and the dropped tail_j·(exp(r) − 1), are each below 2^-63 of the result;
//   with the remainder and the last addition's rounding the result is within 0.52 ulp of exp(x).
// - 2^m goes into the exponent bits of hi_j with integer arithmetic: the shifter's bits are n plus a constant
//   whose bits all shift out, so (bits << 43) = n·2^43 = m·2^52 + j·2^43 (mod 2^64), and the table stores hi_j's
//   bits less j·2^43: one shift and one add give s. For expPair 2^m is applied as 2^(m − ⌊m/2⌋) · 2^⌊m/2⌋: both
//   factors are normal for every m in [−1077, 1024], so subnormal results round in one multiplication (after
//   s + s·(…) rounded at full precision: within 0.76 of their ulp), below −745.13… the result rounds to 0, and
//   above 709.78… it overflows to Infinity.

const TABLE_SIZE = 1 << EXP_TABLE_BITS;
const LOG2_E: f64 = 1.4426950408889634;
/** 1.5 · 2^52: adding it rounds a |value| < 2^51 to an integer held in the low mantissa bits. */
const ROUNDING_SHIFTER: f64 = 6755399441055744.0;
/** ln 2 with its low 21 mantissa bits cleared (bits 0x3fe62e42fee00000). */
const LN2_HI: f64 = 0.6931471803691238;
/** ln 2 − LN2_HI, rounded (the pair is within 1.2e-26 of ln 2). */
const LN2_LO: f64 = 1.9082149292705877e-10;
/** Clamps: exp(−746) and exp(710) already round to 0 and Infinity, and n stays small for the shifter. */
const MIN_ARGUMENT: f64 = -746;
const MAX_ARGUMENT: f64 = 710;
const EXPONENT_BIAS: i64 = 1023;

@inline function linear(a: f64, b: f64, r: v128): v128 {
  return f64x2.add(f64x2.splat(a), f64x2.mul(f64x2.splat(b), r));
}

/** 2^m for integer lanes m in [−1022, 1023] (i64x2; only the low 12 bits of each lane count), as f64x2. */
@inline function powerOfTwo(m: v128): v128 {
  return i64x2.shl(i64x2.add(m, i64x2.splat(EXPONENT_BIAS)), 52);
}

/** Byte offset of entry j = n mod N in EXP_TABLE, from the bits of n + ROUNDING_SHIFTER. */
@inline function tableOffset(shifted: f64): usize {
  return (<usize>reinterpret<u64>(shifted) & (TABLE_SIZE - 1)) << 4;
}

/**
 * exp of both lanes of `x`, already within [−746, 710] (or NaN). With `twoFactors` 2^m is applied as two normal
 * factors, which every m of that range needs; without, x must lie in [−708, 709] so that 2^m·hi_j is normal.
 */
@inline function expInRange(x: v128, twoFactors: bool): v128 {
  const shifted = f64x2.add(f64x2.mul(x, f64x2.splat(LOG2_E * TABLE_SIZE)), f64x2.splat(ROUNDING_SHIFTER));
  const n = f64x2.sub(shifted, f64x2.splat(ROUNDING_SHIFTER));
  const rHigh = f64x2.sub(x, f64x2.mul(n, f64x2.splat(LN2_HI / TABLE_SIZE)));
  const r = f64x2.sub(rHigh, f64x2.mul(n, f64x2.splat(LN2_LO / TABLE_SIZE)));
  // The shifter's low 32 bits are n (|n| < 2^20): j (the table offsets) from each lane's bits in scalar registers,
  // which leaves the vector units to the arithmetic.
  const entry0 = v128.load(EXP_TABLE + tableOffset(f64x2.extract_lane(shifted, 0)));
  const entry1 = v128.load(EXP_TABLE + tableOffset(f64x2.extract_lane(shifted, 1)));
  const tableHi = v128.shuffle<f64>(entry0, entry1, 0, 2);
  const tableTail = v128.shuffle<f64>(entry0, entry1, 1, 3);
  const r2 = f64x2.mul(r, r);
  // 1/2! + r/3! + r²/4!
  const taylorTail = f64x2.add(linear(0.5, 0.16666666666666666, r), f64x2.mul(r2, f64x2.splat(4.1666666666666664e-2)));
  const expRMinusOne = f64x2.add(r, f64x2.mul(r2, taylorTail));
  const small = f64x2.add(tableTail, expRMinusOne);
  // bits of hi_j·2^m
  const scaled = i64x2.add(tableHi, i64x2.shl(shifted, 52 - EXP_TABLE_BITS));
  if (!twoFactors) return f64x2.add(scaled, f64x2.mul(scaled, small));
  // ⌊m/2⌋ = ⌊n/1024⌋ from i32 lanes 0 and 2 (an i32 shift: one instruction on x64, where the i64 arithmetic shift is
  // emulated); only the low 12 bits of each i64 lane count below.
  const half = i32x4.shr_s(shifted, EXP_TABLE_BITS + 1);
  const s = i64x2.sub(scaled, i64x2.shl(half, 52));
  return f64x2.mul(f64x2.add(s, f64x2.mul(s, small)), powerOfTwo(half));
}

/** exp of both lanes: NaN stays NaN, −Infinity gives 0, Infinity gives Infinity. */
@inline export function expPair(x: v128): v128 {
  // pmax(x, m) = x < m ? m : x and pmin(x, m) = m < x ? m : x keep NaN, and each is one instruction on x64
  // (f64x2.min/max are a sequence there).
  return expInRange(f64x2.pmin(f64x2.pmax(x, f64x2.splat(MIN_ARGUMENT)), f64x2.splat(MAX_ARGUMENT)), true);
}

/**
 * log ρ − max below which a term is flushed to 0. e^-40 ≈ 4.2e-18 is below 2^-57: next to the sum's largest term,
 * 1, such a term rounds away, and as r_j it is below 1/10 of the rounding error of a responsibility near 1. Flushed
 * terms stay out of the statistics (pass 3 skips pairs whose r_j is 0): on separated clusters, most of them.
 */
export const NEGLIGIBLE: v128 = f64x2.splat(-40);

/**
 * exp of both lanes of x ≤ 0 (or NaN), flushed to 0 below e^-40 (see NEGLIGIBLE): for the terms exp(log ρ_j − max)
 * of a log-sum-exp. A lane below NEGLIGIBLE is not clamped into expInRange's range first: whatever it computes (table
 * offsets stay masked into the table) is replaced by 0, and one vector operation less per term shows in the E-step.
 * A NaN lane stays NaN (lt is false).
 */
@inline export function expNonNegligible(x: v128): v128 {
  return v128.andnot(expInRange(x, false), f64x2.lt(x, NEGLIGIBLE));
}
