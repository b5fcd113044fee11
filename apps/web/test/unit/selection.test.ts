import type { Candidate } from '@gmm/core';
import { describe, expect, it } from 'vitest';
import { bestCandidate, criterionSeries } from '../../src/view/selection.js';

const candidate = (nComponents: number, covarianceType: Candidate['covarianceType'], bic: number): Candidate => ({
  nComponents,
  covarianceType,
  bic,
  aic: bic - 10,
  icl: bic + 5,
  score: 0,
  lowerBound: 0,
  converged: true,
  resets: 0,
  nIter: 1,
  nParameters: 1,
});

describe('model-selection chart data', () => {
  const candidates = [candidate(2, 'full', 5), candidate(1, 'full', 7), candidate(1, 'tied', 6), candidate(2, 'tied', Number.NaN)];

  it('gives one series per type sorted by k, leaving failed fits out', () => {
    const series = criterionSeries(candidates, 'bic', ['full', 'tied']);
    expect(series.map((s) => s.points.map((p) => [p.k, p.value]))).toEqual([[[1, 7], [2, 5]], [[1, 6]]]);
  });

  it('finds the lowest criterion so far', () => {
    expect(bestCandidate(candidates, 'aic')).toMatchObject({ nComponents: 2, covarianceType: 'full' });
    expect(bestCandidate([], 'bic')).toBeUndefined();
  });

  it('charts ICL like the other criteria', () => {
    expect(criterionSeries(candidates, 'icl', ['tied'])[0]!.points.map((p) => p.value)).toEqual([11]);
    expect(bestCandidate(candidates, 'icl')).toMatchObject({ nComponents: 2, covarianceType: 'full', icl: 10 });
  });
});
