// Issue 7, point 2: with 20% of the entries of blobs-2d and Iris removed at random (seeded, no row left empty),
// the missing-'em' fit beats the fit on the complete rows only, judged against the complete data.
import { describe, expect, it } from 'vitest';
import { fit, type GaussianMixture } from '../src/index.js';
import { flatten, matchComponents } from './helpers/compare.js';
import { loadData } from './helpers/data.js';
import { completeRows, removeEntries } from './helpers/missing.js';

const OPTIONS = { nComponents: 3, covarianceType: 'full', nInit: 3, seed: 0 } as const;

/** Σ over matched components of ‖Δμ‖² (means) and ‖ΔΣ‖²_F (covariances) to the reference fit. */
function distances(model: GaussianMixture, reference: GaussianMixture): { means: number; covariances: number } {
  const match = matchComponents(model.means, reference.means);
  let means = 0;
  let covariances = 0;
  match.forEach((j, r) => {
    means += model.means[j]!.reduce((sum, value, c) => sum + (value - reference.means[r]![c]!) ** 2, 0);
    const a = flatten(model.componentCovariance(j));
    const b = flatten(reference.componentCovariance(r));
    covariances += a.reduce((sum, value, i) => sum + (value - b[i]!) ** 2, 0);
  });
  return { means, covariances };
}

describe.each(['blobs-2d', 'iris'] as const)('%s with a fifth of its entries missing', (name) => {
  const complete = loadData(name);
  const holed = removeEntries(complete, 0.2, 7);
  const kept = completeRows(holed);

  it('missing em scores the complete data higher and lands closer to the complete-data fit than dropping rows', async () => {
    const reference = await fit(complete, OPTIONS);
    const em = await fit(holed, { ...OPTIONS, missing: 'em' });
    const dropped = await fit(kept, OPTIONS);
    const scores = { reference: reference.score(complete), em: em.score(complete), dropped: dropped.score(complete) };
    const emDistance = distances(em, reference);
    const droppedDistance = distances(dropped, reference);
    expect(scores.em).toBeGreaterThan(scores.dropped);
    expect(emDistance.means).toBeLessThan(droppedDistance.means);
    expect(emDistance.covariances).toBeLessThan(droppedDistance.covariances);
  });

  it('the log-likelihood never decreases across iterations (missing-data EM is still EM)', async () => {
    // regCovar 0: the regularised M-step is not the exact maximiser, and near convergence on Iris it loses ~1e-10 per iteration.
    const em = await fit(holed, { ...OPTIONS, missing: 'em', tol: 0, maxIter: 80, regCovar: 0 });
    em.lowerBounds.slice(1).forEach((bound, i) => expect(bound).toBeGreaterThanOrEqual(em.lowerBounds[i]! - 1e-12 * Math.abs(bound)));
  });
});
