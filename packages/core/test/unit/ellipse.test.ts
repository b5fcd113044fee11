import { describe, expect, it } from 'vitest';
import { ellipseAxes, ellipsePoints } from '../../src/ellipse.js';

/** R diag(λ1, λ2) Rᵀ for the rotation by `angle`. */
function rotated(l1: number, l2: number, angle: number): number[][] {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  return [
    [l1 * c * c + l2 * s * s, (l1 - l2) * c * s],
    [(l1 - l2) * c * s, l1 * s * s + l2 * c * c],
  ];
}

describe('ellipseAxes', () => {
  it('reads the axes of an axis-aligned covariance', () => {
    expect(ellipseAxes([[9, 0], [0, 4]])).toEqual({ major: 3, minor: 2, angle: 0 });
    const tall = ellipseAxes([[1, 0], [0, 16]]);
    expect(tall.major).toBe(4);
    expect(tall.minor).toBe(1);
    expect(Math.abs(tall.angle)).toBeCloseTo(Math.PI / 2, 12);
  });

  it.each([0.3, -1.1, 1.4])('recovers the eigenvalues and angle of a rotated covariance (angle %f)', (angle) => {
    const axes = ellipseAxes(rotated(5, 0.5, angle));
    expect(axes.major).toBeCloseTo(Math.sqrt(5), 12);
    expect(axes.minor).toBeCloseTo(Math.sqrt(0.5), 12);
    expect(axes.angle).toBeCloseTo(angle, 12);
  });

  it('clamps a slightly negative eigenvalue of a singular covariance to 0', () => {
    expect(ellipseAxes([[1, 1], [1, 1 - 1e-17]]).minor).toBe(0);
  });
});

describe('ellipsePoints', () => {
  it('puts every point at Mahalanobis distance `scale` from the mean, as a closed outline', () => {
    const covariance = rotated(4, 1, 0.7);
    const det = covariance[0]![0]! * covariance[1]![1]! - covariance[0]![1]! ** 2;
    const mean: [number, number] = [10, -3];
    for (const scale of [1, 2]) {
      const points = ellipsePoints(mean, covariance, scale, 36);
      expect(points).toHaveLength(37);
      expect(points[36]!.x).toBeCloseTo(points[0]!.x, 12);
      expect(points[36]!.y).toBeCloseTo(points[0]!.y, 12);
      for (const { x, y } of points) {
        const dx = x - mean[0];
        const dy = y - mean[1];
        // (p − μ)ᵀ Σ⁻¹ (p − μ) with the 2×2 inverse written out.
        const distance2 = (covariance[1]![1]! * dx * dx - 2 * covariance[0]![1]! * dx * dy + covariance[0]![0]! * dy * dy) / det;
        expect(distance2).toBeCloseTo(scale * scale, 10);
      }
    }
  });
});
