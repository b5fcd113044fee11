// exp on both lanes of an f64x2 at once, within 1 ulp of Math.exp (test/vexp.test.ts measures it).
//
// exp(x) = 2^n · exp(r) with n = round(x / ln 2) and r = x − n·ln 2, |r| ≤ ln 2 / 2 (Cody–Waite):
// - ln 2 = LN2_HI + LN2_LO where LN2_HI keeps 32 significant bits, so n·LN2_HI is exact for |n| < 2^21 and
//   x − n·LN2_HI is exact (the two are within a factor 2 of each other); the rounding of r is carried along.
// - exp(r) = 1 + r + r²·(1/2! + r/3! + … + r^11/13!) (the tail by Estrin's scheme): the Taylor remainder r^14/14! < 2^-57 on |r| ≤ ln 2 / 2.
//   1 + r is split into its rounded sum and the exact error so only the last addition rounds at full size.
// - 2^n is built in the exponent bits with i64x2 as 2^⌊n/2⌋ · 2^(n − ⌊n/2⌋): both factors are normal for
//   every n in [−1076, 1024], so subnormal results round once, below −745.13… the result rounds to 0, and
//   above 709.78… it overflows to Infinity.

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

/**
 * Σ_{m=0}^{11} r^m / (m + 2)!, by Estrin's scheme: the six linear pieces and the products by r², r⁴, r⁸ are
 * independent, so the dependency chain is four multiply-adds deep instead of Horner's eleven (exp is latency-bound
 * in the E-step). Every term past the first two is below 2^-9 of the sum, so the order barely moves the rounding.
 */
@inline function taylorTail(r: v128): v128 {
  const r2 = f64x2.mul(r, r);
  const r4 = f64x2.mul(r2, r2);
  const r8 = f64x2.mul(r4, r4);
  const p01 = linear(0.5, 0.16666666666666666, r); // 1/2!, 1/3!
  const p23 = linear(4.1666666666666664e-2, 8.333333333333333e-3, r); // 1/4!, 1/5!
  const p45 = linear(1.388888888888889e-3, 1.984126984126984e-4, r); // 1/6!, 1/7!
  const p67 = linear(2.48015873015873e-5, 2.7557319223985893e-6, r); // 1/8!, 1/9!
  const p89 = linear(2.755731922398589e-7, 2.505210838544172e-8, r); // 1/10!, 1/11!
  const p1011 = linear(2.08767569878681e-9, 1.6059043836821613e-10, r); // 1/12!, 1/13!
  const low = f64x2.add(p01, f64x2.mul(p23, r2));
  const middle = f64x2.add(p45, f64x2.mul(p67, r2));
  const high = f64x2.add(p89, f64x2.mul(p1011, r2));
  return f64x2.add(f64x2.add(low, f64x2.mul(middle, r4)), f64x2.mul(high, r8));
}

/** 2^m for integer lanes m in [−1022, 1023] (i64x2), as f64x2. */
@inline function powerOfTwo(m: v128): v128 {
  return i64x2.shl(i64x2.add(m, i64x2.splat(EXPONENT_BIAS)), 52);
}

/**
 * exp of both lanes of `x`, already within [−746, 710] (or NaN). With `twoFactors` 2^n is applied as two normal
 * factors, which every n of that range needs; without, x must lie in [−708, 710] so that 2^n itself is normal.
 */
@inline function expInRange(x: v128, twoFactors: bool): v128 {
  const shifted = f64x2.add(f64x2.mul(x, f64x2.splat(LOG2_E)), f64x2.splat(ROUNDING_SHIFTER));
  const n = f64x2.sub(shifted, f64x2.splat(ROUNDING_SHIFTER));
  const hi = f64x2.sub(x, f64x2.mul(n, f64x2.splat(LN2_HI)));
  const lo = f64x2.mul(n, f64x2.splat(LN2_LO));
  const r = f64x2.sub(hi, lo);
  // δ = (hi − lo) − r, the rounding error of r: exp(r + δ) ≈ exp(r) · (1 + δ).
  const delta = f64x2.sub(f64x2.sub(hi, r), lo);
  const onePlusR = f64x2.add(f64x2.splat(1), r);
  const onePlusRError = f64x2.add(f64x2.sub(f64x2.splat(1), onePlusR), r);
  // exp(r + δ) − (1 + r) ≈ r²·tail(r) + δ·(1 + r) = δ + r·(r·tail(r) + δ).
  const small = f64x2.add(delta, f64x2.mul(r, f64x2.add(f64x2.mul(r, taylorTail(r)), delta)));
  const expR = f64x2.add(onePlusR, f64x2.add(onePlusRError, small));
  // The shifter's low bits minus its own are n as an i64.
  const integerN = i64x2.sub(shifted, f64x2.splat(ROUNDING_SHIFTER));
  if (!twoFactors) return f64x2.mul(expR, powerOfTwo(integerN));
  // |n| < 2^11, so each i64 lane is its low i32 sign-extended: the i32 shift halves it the same way, and it
  // is one instruction on x64 where the i64 arithmetic shift is emulated.
  const half = i32x4.shr_s(integerN, 1);
  return f64x2.mul(f64x2.mul(expR, powerOfTwo(half)), powerOfTwo(i64x2.sub(integerN, half)));
}

/** exp of both lanes: NaN stays NaN, −Infinity gives 0, Infinity gives Infinity. */
@inline export function expPair(x: v128): v128 {
  // pmax(x, m) = x < m ? m : x and pmin(x, m) = m < x ? m : x keep NaN, and each is one instruction on x64
  // (f64x2.min/max are a sequence there).
  return expInRange(f64x2.pmin(f64x2.pmax(x, f64x2.splat(MIN_ARGUMENT)), f64x2.splat(MAX_ARGUMENT)), true);
}

/** log ρ − max below which a term is flushed to 0 (e^-700 ≈ 1e-304, far from the subnormal range). */
const NEGLIGIBLE: v128 = f64x2.splat(-700);

/**
 * exp of both lanes of x ≤ 0 (or NaN), flushed to 0 below e^-700: for the terms exp(log ρ_j − max) of a
 * log-sum-exp, where such a term is 0 to within 1e-304 of the sum, and computing it would bring subnormal numbers,
 * a hundred times slower on x86, into exp and everything downstream. pmax and lt both leave a NaN lane NaN.
 */
@inline export function expNonNegligible(x: v128): v128 {
  return v128.andnot(expInRange(f64x2.pmax(x, NEGLIGIBLE), false), f64x2.lt(x, NEGLIGIBLE));
}
