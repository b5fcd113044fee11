// Invariants of EM on random small problems (fast-check, fixed seed so a run is reproducible).
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { fit, type CovarianceType, type InitParams } from '../src/index.js';
import { expectClose } from './helpers/compare.js';
import { permuteRows, rowsOf, type Matrix } from './helpers/data.js';
import { fixedStart } from './helpers/fixed-start.js';

const RUNS = { seed: 20240611, numRuns: 100 };
const TYPES: CovarianceType[] = ['full', 'tied', 'diag', 'spherical'];
const INITS: InitParams[] = ['kmeans', 'k-means++', 'random', 'random_from_data'];

// Uniform on a grid of 1e-5 steps in [-bound, bound]: fc.double draws uniformly over bit patterns (mostly
// values below 1e-100) and is biased towards 0 and the bounds, i.e. it makes degenerate clusters whose
// variance is regCovar alone, not the small generic data sets these properties are about.
const coordinate = (bound: number) =>
  fc.noBias(fc.integer({ min: -bound * 1e5, max: bound * 1e5 })).map((step) => step / 1e5);

interface Problem {
  X: Matrix;
  k: number;
  type: CovarianceType;
  initParams: InitParams;
  seed: number;
  /** A permutation of the rows. */
  order: number[];
}

// At least 5(d + 1) points per component, so that every covariance is estimable. With a handful of points in d
// dimensions a component's covariance is singular up to regCovar: the regulariser, not the M-step, then sets
// it, EM loses its monotonicity by ~1e-10, and rounding is amplified by the condition number (~1e6).
const problems: fc.Arbitrary<Problem> = fc
  .record({ d: fc.integer({ min: 1, max: 4 }), k: fc.integer({ min: 1, max: 3 }) })
  .chain(({ d, k }) =>
    fc.integer({ min: 5 * (d + 1), max: 10 * (d + 1) }).chain((perComponent) => {
      const n = k * perComponent;
      return fc.record({
        X: fc
          .array(coordinate(10), { minLength: n * d, maxLength: n * d })
          .map((values): Matrix => ({ data: Float64Array.from(values), rows: n, cols: d })),
        k: fc.constant(k),
        type: fc.constantFrom(...TYPES),
        initParams: fc.constantFrom(...INITS),
        seed: fc.nat(1000),
        order: fc.shuffledSubarray(
          Array.from({ length: n }, (_, i) => i),
          { minLength: n, maxLength: n },
        ),
      });
    }),
  );

function fitProblem({ X, k, type, initParams, seed }: Problem, maxIter: number) {
  return fit(X, { nComponents: k, covarianceType: type, initParams, seed, tol: 0, maxIter });
}

/** Query points far outside the data too, where the densities underflow unless normalised in log space. */
const withQueries = problems.chain((problem) =>
  fc.record({
    problem: fc.constant(problem),
    queries: fc
      .array(coordinate(1000), { minLength: problem.X.cols, maxLength: 20 * problem.X.cols })
      .map((values): Matrix => {
        const rows = Math.floor(values.length / problem.X.cols);
        return { data: Float64Array.from(values.slice(0, rows * problem.X.cols)), rows, cols: problem.X.cols };
      }),
  }),
);

test('predictProba rows sum to 1', async () => {
  await fc.assert(
    fc.asyncProperty(withQueries, async ({ problem, queries }) => {
      const model = await fitProblem(problem, 10);
      for (const points of [problem.X, queries]) {
        const proba = model.predictProba(points);
        expect([proba.rows, proba.cols]).toEqual([points.rows, problem.k]);
        for (let i = 0; i < proba.rows; i++) {
          const row = proba.data.subarray(i * proba.cols, (i + 1) * proba.cols);
          expect(row.every((p) => p >= 0 && p <= 1), `row ${i} in [0, 1]`).toBe(true);
          expect(Math.abs(row.reduce((a, b) => a + b, 0) - 1), `row ${i} sums to 1`).toBeLessThanOrEqual(1e-12);
        }
      }
    }),
    RUNS,
  );
});

test('predict is the argmax of predictProba', async () => {
  await fc.assert(
    fc.asyncProperty(withQueries, async ({ problem, queries }) => {
      const model = await fitProblem(problem, 10);
      for (const points of [problem.X, queries]) {
        const proba = model.predictProba(points);
        const argmax = Array.from({ length: proba.rows }, (_, i) => {
          const row = Array.from(proba.data.subarray(i * proba.cols, (i + 1) * proba.cols));
          return row.indexOf(Math.max(...row));
        });
        expect(Array.from(model.predict(points))).toEqual(argmax);
      }
    }),
    RUNS,
  );
});

test('the lower bound never decreases across EM iterations', async () => {
  await fc.assert(
    fc.asyncProperty(problems, async (problem) => {
      const { lowerBounds, resets } = await fitProblem(problem, 15);
      expect(lowerBounds).toHaveLength(15);
      // A re-seeded degenerate component (onDegenerate 'recover') restarts the ascent: lowerBounds[i] follows iteration i's M-step.
      const resetIterations = new Set(resets.map((reset) => reset.iteration));
      lowerBounds.forEach((value, i) => {
        if (i === 0 || resetIterations.has(i)) return;
        const previous = lowerBounds[i - 1]!;
        expect(value, `lowerBounds[${i}] vs lowerBounds[${i - 1}] = ${previous}`).toBeGreaterThanOrEqual(
          previous - 1e-10 * Math.abs(previous),
        );
      });
    }),
    RUNS,
  );
});

test('permuting the rows does not change the fit from a fixed start', async () => {
  await fc.assert(
    fc.asyncProperty(problems, async ({ X, k, type, order }) => {
      // The same start for both: the first k rows of the unpermuted data as means.
      const start = fixedStart(type, rowsOf(X, Array.from({ length: k }, (_, j) => j)), 10);
      const original = await fit(X, start);
      const permuted = await fit(permuteRows(X, order), start);
      expectClose(permuted.lowerBounds, original.lowerBounds, 1e-10, 'lowerBounds (rows permuted)');
    }),
    RUNS,
  );
});
