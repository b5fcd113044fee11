// exp on the four lanes of an f32x4 at once, within 1 ulp of the correctly rounded f32 exp
// (test/f32-vexp.test.ts measures it).
//
// exp(x) = 2^n · exp(r) with n = round(x / ln 2) and r = x − n·ln 2, |r| ≤ ln 2 / 2 (Cody–Waite):
// - ln 2 = LN2_HI + LN2_LO where LN2_HI = 355/512 has 9 significant bits, so n·LN2_HI is exact for the
//   |n| ≤ 150 the clamp allows and x − n·LN2_HI is exact; only the subtraction of n·LN2_LO rounds.
// - exp(r) = 1 + r + r²·(1/2! + r/3! + … + r^5/7!): the Taylor remainder r^8/8! < 2^-27 on |r| ≤ ln 2 / 2.
// - 2^n is built in the exponent bits as 2^⌊n/2⌋ · 2^(n − ⌊n/2⌋): both factors are normal for every n in
//   [−150, 129], so subnormal results round once, below −103.97… the result rounds to 0, and above 88.72…
//   it overflows to Infinity.

const LOG2_E: f32 = 1.4426950408889634;
/** 1.5 · 2^23: adding it rounds a |value| < 2^22 to an integer held in the low mantissa bits. */
const ROUNDING_SHIFTER: f32 = 12582912.0;
/** 355/512, the leading bits of ln 2. */
const LN2_HI: f32 = 0.693359375;
/** ln 2 − LN2_HI, rounded to f32. */
const LN2_LO: f32 = -2.12194440e-4;
/** Clamps: exp(−104) and exp(89) already round to 0 and Infinity in f32, and n stays within [−150, 129]. */
const MIN_ARGUMENT: f32 = -104;
const MAX_ARGUMENT: f32 = 89;
const EXPONENT_BIAS: i32 = 127;

/** Σ_{m=0}^{5} r^m / (m + 2)!, by Horner. */
@inline function taylorTail(r: v128): v128 {
  let q = f32x4.splat(1.9841269841269841e-4); // 1/7!
  q = f32x4.add(f32x4.mul(q, r), f32x4.splat(1.3888888888888889e-3)); // 1/6!
  q = f32x4.add(f32x4.mul(q, r), f32x4.splat(8.333333333333333e-3)); // 1/5!
  q = f32x4.add(f32x4.mul(q, r), f32x4.splat(4.1666666666666664e-2)); // 1/4!
  q = f32x4.add(f32x4.mul(q, r), f32x4.splat(0.16666666666666666)); // 1/3!
  return f32x4.add(f32x4.mul(q, r), f32x4.splat(0.5)); // 1/2!
}

/** 2^m for integer lanes m in [−126, 127] (i32x4), as f32x4. */
@inline function powerOfTwo(m: v128): v128 {
  return i32x4.shl(i32x4.add(m, i32x4.splat(EXPONENT_BIAS)), 23);
}

/**
 * exp of the four lanes of `x`, already within [MIN_ARGUMENT, MAX_ARGUMENT] (or NaN). With `twoFactors` 2^n is
 * applied as two normal factors, which every n of that range needs; without, x must lie in [−87, 88] so that 2^n
 * itself is normal.
 */
@inline function expInRange(x: v128, twoFactors: bool): v128 {
  const shifted = f32x4.add(f32x4.mul(x, f32x4.splat(LOG2_E)), f32x4.splat(ROUNDING_SHIFTER));
  const n = f32x4.sub(shifted, f32x4.splat(ROUNDING_SHIFTER));
  const r = f32x4.sub(f32x4.sub(x, f32x4.mul(n, f32x4.splat(LN2_HI))), f32x4.mul(n, f32x4.splat(LN2_LO)));
  const expR = f32x4.add(f32x4.add(f32x4.splat(1), r), f32x4.mul(f32x4.mul(r, r), taylorTail(r)));
  // The shifter's low bits minus its own are n as an i32.
  const integerN = i32x4.sub(shifted, f32x4.splat(ROUNDING_SHIFTER));
  if (!twoFactors) return f32x4.mul(expR, powerOfTwo(integerN));
  const half = i32x4.shr_s(integerN, 1);
  return f32x4.mul(f32x4.mul(expR, powerOfTwo(half)), powerOfTwo(i32x4.sub(integerN, half)));
}

/** exp of the four lanes: NaN stays NaN, −Infinity gives 0, Infinity gives Infinity. */
@inline export function expQuad(x: v128): v128 {
  // pmax(x, m) = x < m ? m : x and pmin(x, m) = m < x ? m : x keep NaN, and each is one instruction on x64
  // (f32x4.min/max are a sequence there).
  return expInRange(f32x4.pmin(f32x4.pmax(x, f32x4.splat(MIN_ARGUMENT)), f32x4.splat(MAX_ARGUMENT)), true);
}

/**
 * log ρ − max below which a term exp(log ρ − max) of a log-sum-exp is flushed to 0. e^-20 ≈ 2.1e-9 is below 2^-28:
 * next to the sum's largest term, 1, such a term is invisible in f32, and as r_j it is below 1/10 of the rounding
 * error of an f32 responsibility near 1. Flushed terms stay out of the statistics (pass 3 skips quads whose r_j is
 * 0), and r·diff and r·diff² stay clear of f32's subnormal range (below 1.2e-38, a hundred times slower on x86).
 */
export const NEGLIGIBLE32: v128 = f32x4.splat(-20);

/**
 * exp of the four lanes of x ≤ 0 (or NaN), flushed to 0 below e^-20 (see NEGLIGIBLE32); one power of two suffices
 * there. pmax and lt both leave a NaN lane NaN.
 */
@inline export function expNonNegligible32(x: v128): v128 {
  return v128.andnot(expInRange(f32x4.pmax(x, NEGLIGIBLE32), false), f32x4.lt(x, NEGLIGIBLE32));
}
