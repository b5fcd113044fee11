import type { Random } from '../random.js';
import type { Responsibilities } from './responsibilities.js';

/**
 * sklearn's "random" initialisation: every row's responsibilities are k uniform draws, normalised.
 * The rows are regenerated from a copy of the stream each time they are visited (no n×k matrix); the
 * fit's own stream is moved past them so the next restart continues after these draws.
 */
export function randomResponsibilities(n: number, k: number, rng: Random): Responsibilities {
  const start = rng.clone();
  for (let i = 0; i < n * k; i++) rng.uniform();
  return {
    forEach(visit) {
      const replay = start.clone();
      const row = new Float64Array(k);
      for (let i = 0; i < n; i++) {
        let sum = 0;
        // 1 − u lies in (0, 1], so a row never sums to zero.
        for (let j = 0; j < k; j++) sum += row[j] = 1 - replay.uniform();
        for (let j = 0; j < k; j++) visit(i, j, row[j]! / sum);
      }
    },
  };
}
