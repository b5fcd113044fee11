/** The model-selection chart's data: one criterion curve per covariance type over k. */
import type { Candidate, CovarianceType, Criterion } from '@gmm/core';

export interface CriterionSeries {
  covarianceType: CovarianceType;
  points: { k: number; value: number; candidate: Candidate }[];
}

export function criterionSeries(candidates: readonly Candidate[], criterion: Criterion, types: readonly CovarianceType[]): CriterionSeries[] {
  return types.map((covarianceType) => ({
    covarianceType,
    points: candidates
      .filter((c) => c.covarianceType === covarianceType && Number.isFinite(c[criterion]))
      .map((candidate) => ({ k: candidate.nComponents, value: candidate[criterion], candidate }))
      .sort((a, b) => a.k - b.k),
  }));
}

/** The best (lowest criterion) fitted candidate so far, or undefined. */
export function bestCandidate(candidates: readonly Candidate[], criterion: Criterion): Candidate | undefined {
  let best: Candidate | undefined;
  for (const c of candidates) {
    if (Number.isFinite(c[criterion]) && (!best || c[criterion] < best[criterion])) best = c;
  }
  return best;
}
