/** --weights-column: integer weights give the fit (and the selection) of the data with the rows repeated. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gmm } from './helpers.js';
import { tempDir, type TempDir } from './fixtures.js';

/** Two noisy groups; `count` is how many times each point occurs (0: not at all). */
const POINTS: [x: number, count: number, y: number][] = [
  [0.1, 3, 0.2],
  [0.4, 1, -0.3],
  [-0.2, 2, 0.5],
  [0.3, 0, 9.0],
  [-0.5, 4, -0.1],
  [5.2, 1, 4.8],
  [4.7, 3, 5.4],
  [5.5, 2, 5.1],
  [4.9, 5, 4.6],
];

let tmp: TempDir;
let weighted: string;
let repeated: string;

beforeAll(() => {
  tmp = tempDir();
  // The weight column sits between the features, so excluding it is not just dropping the last column.
  weighted = tmp.file('weighted.csv', ['x,count,y', ...POINTS.map(([x, count, y]) => `${x},${count},${y}`)].join('\n') + '\n');
  repeated = tmp.file('repeated.csv', ['x,y', ...POINTS.flatMap(([x, count, y]) => Array.from({ length: count }, () => `${x},${y}`))].join('\n') + '\n');
  tmp.file('means.csv', '0,0\n5,5\n');
  tmp.file('weights.csv', '0.3\n0.7\n');
});

beforeAll(async () => {
  // One EM step from fixed means and weights: a start that is neither data set's optimum.
  const start = ['-k', '2', '--means-init', tmp.path('means.csv'), '--weights-init', tmp.path('weights.csv'), '--max-iter', '1'];
  const { code } = await gmm(['fit', repeated, ...start, '-o', tmp.path('start.json')]);
  expect(code).toBe(0);
});

afterAll(() => tmp.remove());

/** Every number of `actual` within 1e-10 (relative, absolute near 0) of the same number of `expected`. */
function expectClose(actual: unknown, expected: unknown, path = ''): void {
  if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number');
    expect(Math.abs((actual as number) - expected), path).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(expected)));
    return;
  }
  expect(Array.isArray(actual), path).toBe(true);
  const list = expected as unknown[];
  expect((actual as unknown[]).length, path).toBe(list.length);
  list.forEach((item, i) => expectClose((actual as unknown[])[i], item, `${path}[${i}]`));
}

/**
 * The fixed start is a model, not --means-init/--weights-init: with those, core still takes the initial
 * covariances from the init method's responsibilities (as sklearn), and no init method draws the same rows
 * for a weight-n row as for n repeated rows (k-means++ draws its first seed by row index when unweighted).
 */
async function fitJSON(args: string[]) {
  const fixedStart = ['--warm-start', tmp.path('start.json'), '--tol', '0', '--max-iter', '20', '--json'];
  const result = await gmm(['fit', ...args, ...fixedStart]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}

describe('gmm fit --weights-column', () => {
  it('with integer weights fits as the rows repeated (weights, means, covariances, every lower bound to 1e-10)', async () => {
    const expected = await fitJSON([repeated]);
    const actual = await fitJSON([weighted, '--weights-column', 'count']);
    expect(actual.featureNames).toEqual(['x', 'y']);
    expect(actual.nIter).toBe(20);
    expect(actual.lowerBounds).toHaveLength(20);
    for (const key of ['weights', 'means', 'covariances', 'lowerBounds', 'lowerBound', 'score', 'logLikelihood', 'bic', 'aic']) {
      expectClose(actual[key], expected[key], key);
    }
    expect(actual.weightsColumn).toBe('count');
    expect(actual.totalWeight).toBe(21);
    expect(expected.totalWeight).toBe(21);
    expect(actual.rows).toBe(9);
  });

  it('picks the column by 1-based index and leaves it out of --columns that list it', async () => {
    const byName = await fitJSON([weighted, '--weights-column', 'count']);
    const byIndex = await fitJSON([weighted, '--weights-column', '2', '--columns', 'x,count,y']);
    expect(byIndex.featureNames).toEqual(['x', 'y']);
    expectClose(byIndex.means, byName.means);
    const noHeader = tmp.file('no-header.csv', POINTS.map(([x, count, y]) => `${x},${count},${y}`).join('\n') + '\n');
    const positional = await fitJSON([noHeader, '--weights-column', '2']);
    expect(positional.featureNames).toEqual(['1', '3']);
    expectClose(positional.covariances, byName.covariances);
  });

  it('names the weight column and the total weight in the text summary', async () => {
    const result = await gmm(['fit', weighted, '--weights-column', 'count', '-k', '2']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('fitted to 9 rows × 2 columns (x, y) of');
    expect(result.stdout).toContain('weighted by column count (total weight 21)');
    expect(result.stdout).toMatch(/per unit of weight\)/);
  });
});

describe('gmm select --weights-column', () => {
  // Two well-separated groups: every start reaches the same EM fixed point within a few iterations.
  it('ranks as select on the rows repeated (best model and every criterion to 1e-10)', async () => {
    const args = ['--components', '1..2', '--covariance', 'full,diag,spherical', '--json'];
    const plain = await gmm(['select', repeated, ...args]);
    const withWeights = await gmm(['select', weighted, '--weights-column', 'count', ...args]);
    expect(withWeights.code).toBe(0);
    const expected = JSON.parse(plain.stdout);
    const actual = JSON.parse(withWeights.stdout);
    expect(actual.totalWeight).toBe(21);
    expect(actual.featureNames).toEqual(['x', 'y']);
    expect(actual.best.covarianceType).toBe(expected.best.covarianceType);
    expect(actual.best.nComponents).toBe(expected.best.nComponents);
    expect(actual.candidates.map((c: { covarianceType: string; nComponents: number }) => `${c.covarianceType}${c.nComponents}`)).toEqual(
      expected.candidates.map((c: { covarianceType: string; nComponents: number }) => `${c.covarianceType}${c.nComponents}`),
    );
    for (const key of ['bic', 'aic', 'icl', 'score']) {
      expectClose(
        actual.candidates.map((c: Record<string, number>) => c[key]),
        expected.candidates.map((c: Record<string, number>) => c[key]),
        key,
      );
    }
    // Each fit starts from its own k-means labels, so the components may come in another order.
    const byX = (means: number[][]) => [...means].sort((a, b) => a[0]! - b[0]!);
    expectClose(byX(actual.best.model.means), byX(expected.best.model.means), 'best means');
  });
});

describe('the built binary', () => {
  it('fits a weighted CSV end to end', async () => {
    const bin = fileURLToPath(new URL('../bin/gmm.js', import.meta.url));
    if (!existsSync(new URL('../dist/main.js', import.meta.url))) throw new Error('apps/cli/dist is missing: run `pnpm build` in apps/cli first');
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'fit', weighted, '--weights-column', 'count', '-k', '2', '--json', '--quiet']);
    const summary = JSON.parse(stdout);
    expect(summary.totalWeight).toBe(21);
    expect(summary.featureNames).toEqual(['x', 'y']);
    expect(summary.nComponents).toBe(2);
  }, 30_000);
});
