// Per-lane log: Math.log on each lane keeps log p within an ulp of the reference kernel (exp is vectorised
// in vexp.ts; the kernel takes one log per row).

/** log of both lanes. */
@inline export function logLanes(v: v128): v128 {
  const low = Math.log(f64x2.extract_lane(v, 0));
  return f64x2.replace_lane(f64x2.splat(low), 1, Math.log(f64x2.extract_lane(v, 1)));
}

/** Sum of the two lanes. */
@inline export function laneSum(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

/** out[t] = (lane 0 + lane 1 of the f64x2 at acc[t]) · scale for t < count: per-lane accumulators to f64 results. */
@inline export function storeLaneSums(acc: usize, out: usize, count: i32, scale: f64): void {
  for (let t = 0; t < count; t++) store<f64>(out + (<usize>t << 3), laneSum(v128.load(acc + (<usize>t << 4))) * scale);
}
