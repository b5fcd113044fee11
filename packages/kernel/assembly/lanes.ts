// Per-lane transcendental functions: Math.exp / Math.log on each lane keep the kernel within an ulp of
// the reference kernel, which a vectorised polynomial would not guarantee.

/** exp of both lanes. */
@inline export function expLanes(v: v128): v128 {
  const low = Math.exp(f64x2.extract_lane(v, 0));
  return f64x2.replace_lane(f64x2.splat(low), 1, Math.exp(f64x2.extract_lane(v, 1)));
}

/** log of both lanes. */
@inline export function logLanes(v: v128): v128 {
  const low = Math.log(f64x2.extract_lane(v, 0));
  return f64x2.replace_lane(f64x2.splat(low), 1, Math.log(f64x2.extract_lane(v, 1)));
}

/** Sum of the two lanes. */
@inline export function laneSum(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}
