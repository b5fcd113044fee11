/** Geometry for plots (shared by the CLI and the web demo).
 *
 * Covariance ellipses of a 2-D Gaussian: the eigen-decomposition of the symmetric 2×2 covariance
 * [[a, b], [b, c]] gives the axes (square roots of the eigenvalues) and the angle of the major axis.
 */

export interface EllipseAxes {
  /** Standard deviation along the major axis (sqrt of the larger eigenvalue). */
  readonly major: number;
  /** Standard deviation along the minor axis. */
  readonly minor: number;
  /** Angle of the major axis from the x axis, in radians, in (−π/2, π/2]. */
  readonly angle: number;
}

export function ellipseAxes(covariance: readonly (readonly number[])[]): EllipseAxes {
  const a = covariance[0]![0]!;
  const b = covariance[0]![1]!;
  const c = covariance[1]![1]!;
  const mid = (a + c) / 2;
  const radius = Math.hypot((a - c) / 2, b);
  // Clamp at 0: rounding can make the smaller eigenvalue of a near-singular matrix slightly negative.
  return {
    major: Math.sqrt(Math.max(mid + radius, 0)),
    minor: Math.sqrt(Math.max(mid - radius, 0)),
    angle: 0.5 * Math.atan2(2 * b, a - c),
  };
}

/** A closed outline of the ellipse of `scale` standard deviations (1 → 1σ, 2 → 2σ): `count` + 1 points, the last equal to the first. */
export function ellipsePoints(
  mean: readonly [number, number],
  covariance: readonly (readonly number[])[],
  scale: number,
  count = 72,
): { x: number; y: number }[] {
  const { major, minor, angle } = ellipseAxes(covariance);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return Array.from({ length: count + 1 }, (_, i) => {
    const t = (2 * Math.PI * i) / count;
    const u = scale * major * Math.cos(t);
    const v = scale * minor * Math.sin(t);
    return { x: mean[0] + u * cos - v * sin, y: mean[1] + u * sin + v * cos };
  });
}
