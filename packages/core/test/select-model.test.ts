import { faithful } from '@gmm/datasets';
import { beforeAll, describe, expect, test } from 'vitest';
import { selectModel, type Candidate, type CovarianceType } from '../src/index.js';
import { loadBicGrid } from './helpers/fixtures.js';

const TYPES: CovarianceType[] = ['full', 'tied', 'diag', 'spherical'];
const K_RANGE = [1, 2, 3, 4, 5, 6, 7, 8, 9];
const X = faithful();

// Ref: shared fixture faithful-bic-grid (scikit-learn 1.2.1, n_init 10, converged to 1e-7).
const reference = loadBicGrid();

/** Lower is better; a failed candidate (NaN) sorts last. */
function expectSortedBy(candidates: Candidate[], key: 'bic' | 'aic'): void {
  const values = candidates.map((c) => c[key]);
  const firstFailure = values.findIndex(Number.isNaN);
  const finite = firstFailure < 0 ? values : values.slice(0, firstFailure);
  if (firstFailure >= 0) expect(values.slice(firstFailure).every(Number.isNaN), `${key}: NaN only at the end`).toBe(true);
  finite.forEach((value, i) => {
    if (i > 0) expect(value, `${key} of candidate ${i}`).toBeGreaterThanOrEqual(finite[i - 1]!);
  });
}

describe('selectModel on Old Faithful, k = 1..9 × four types, BIC', () => {
  let result: Awaited<ReturnType<typeof selectModel>>;
  const progress: { done: number; total: number; candidate: Candidate }[] = [];

  beforeAll(async () => {
    // The fixture's grid settings: nInit 10, converged to 1e-7.
    result = await selectModel(X, {
      nComponents: K_RANGE,
      covarianceTypes: TYPES,
      nInit: 10,
      tol: 1e-7,
      maxIter: 1000,
      onProgress: (done, total, candidate) => progress.push({ done, total, candidate }),
    });
  }, 60_000);

  test('picks the fixture best (tied, k = 3) with BIC within 0.1 of it', () => {
    expect(result.criterion).toBe('bic');
    expect(result.best.covarianceType).toBe(reference.best.covariance_type);
    expect(result.best.nComponents).toBe(reference.best.k);
    expect(Math.abs(result.best.bic - reference.best.bic_polished)).toBeLessThanOrEqual(0.1);
  });

  test('the table has every candidate, sorted by BIC, best first', () => {
    expect(result.candidates).toHaveLength(K_RANGE.length * TYPES.length);
    const pairs = result.candidates.map((c) => `${c.covarianceType}-${c.nComponents}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    expectSortedBy(result.candidates, 'bic');
    const { model, ...best } = result.best;
    expect(best).toEqual(result.candidates[0]);
    expect(model.covarianceType).toBe(best.covarianceType);
    expect(model.nComponents).toBe(best.nComponents);
    expect(model.bic(X)).toBeCloseTo(best.bic, 9);
  });

  // Only where the fixture's winner is clear: its BIC beats the runner-up of the same type by more than 1.
  const clearWinners = TYPES.filter((type) => {
    const [first, second] = reference.grid[type].map((row) => row.bic).sort((a, b) => a - b);
    return second! - first! > 1;
  });

  test.each(clearWinners)('best k for %s matches the fixture best_per_type', (type) => {
    const bestOfType = result.candidates.find((c) => c.covarianceType === type);
    expect(bestOfType?.nComponents).toBe(reference.best_per_type[type].k);
  });

  test('onProgress is called once per candidate, counting up to the total', () => {
    const total = K_RANGE.length * TYPES.length;
    expect(progress.map((p) => p.done)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(progress.every((p) => p.total === total)).toBe(true);
    const reported = progress.map((p) => `${p.candidate.covarianceType}-${p.candidate.nComponents}`).sort();
    const listed = result.candidates.map((c) => `${c.covarianceType}-${c.nComponents}`).sort();
    expect(reported).toEqual(listed);
  });
});

test("criterion 'aic' sorts the candidates by AIC", async () => {
  const result = await selectModel(X, { nComponents: [1, 2, 3, 4, 5], covarianceTypes: TYPES, criterion: 'aic', nInit: 2 });
  expect(result.criterion).toBe('aic');
  // On this grid AIC (2p) and BIC (p·ln 272) rank differently, so a table sorted by BIC would fail here.
  const bicOrder = [...result.candidates].sort((a, b) => a.bic - b.bic);
  expect(bicOrder).not.toEqual(result.candidates);
  expectSortedBy(result.candidates, 'aic');
  const { model, ...best } = result.best;
  expect(best).toEqual(result.candidates[0]);
  expect(model.aic(X)).toBeCloseTo(best.aic, 9);
}, 20_000);
