/** Small shared tools of the unit tests: seeded data, a kernel that counts its sessions, precision starts. */
import { referenceKernel, type Kernel, type KernelSession } from '@gmm/kernel';
import type { CovarianceType } from '../../src/index.js';
import { Random } from '../../src/random.js';

export interface Flat {
  data: Float64Array;
  rows: number;
  cols: number;
}

/** rows × cols standard normal values, shifted per column by `offsets` when given. */
export function normalMatrix(rows: number, cols: number, seed: number, offsets: number[] = []): Flat {
  const rng = Random.fromSeed(seed);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows * cols; i++) data[i] = rng.normal() + (offsets[i % cols] ?? 0);
  return { data, rows, cols };
}

export function toRows(X: Flat): number[][] {
  return Array.from({ length: X.rows }, (_, i) => Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols)));
}

/** The reference kernel, counting the sessions it opens and the ones disposed. */
export function countingKernel(): Kernel & { created: number; disposed: number } {
  const counter = {
    name: 'counting-reference',
    created: 0,
    disposed: 0,
    createSession(...args: Parameters<Kernel['createSession']>): KernelSession {
      counter.created++;
      const session = referenceKernel.createSession(...args);
      const dispose = session.dispose.bind(session);
      session.dispose = () => {
        counter.disposed++;
        dispose();
      };
      return session;
    },
  };
  return counter;
}

function identity(d: number): number[][] {
  return Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? 1 : 0)));
}

/** Identity precisions in the shape of `type` (the fixtures' start). */
export function identityPrecisions(type: CovarianceType, k: number, d: number): number[] | number[][] | number[][][] {
  switch (type) {
    case 'full':
      return Array.from({ length: k }, () => identity(d));
    case 'tied':
      return identity(d);
    case 'diag':
      return Array.from({ length: k }, () => new Array<number>(d).fill(1));
    case 'spherical':
      return new Array<number>(k).fill(1);
  }
}

/** The first k rows of X as means: a fixed start. */
export function firstRows(X: Flat, k: number): number[][] {
  return toRows(X).slice(0, k);
}

export function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
}

export const COVARIANCE_TYPES_UNDER_TEST: CovarianceType[] = ['full', 'tied', 'diag', 'spherical'];
