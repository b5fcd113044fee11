// Agreement with scikit-learn 1.2.1, number for number. Every fixture in test/fixtures/ is a test row; the
// fixture's file name is in the test title (Ref: shared fixture <title>).
import { referenceKernel, type Kernel } from '@gmm/kernel';
import { describe, expect, test } from 'vitest';
import { fit } from '../src/index.js';
import {
  componentVariances,
  covarianceScales,
  expectClose,
  flatten,
  matchComponents,
  meanScales,
} from './helpers/compare.js';
import { loadData } from './helpers/data.js';
import { fixedStart } from './helpers/fixed-start.js';
import { datasetOf, fixtureNames, loadFitFixture, loadFixed20 } from './helpers/fixtures.js';

const KERNELS: { kernelName: string; kernel?: Kernel }[] = [
  { kernelName: 'default (WASM) kernel' },
  { kernelName: 'reference kernel', kernel: referenceKernel },
];

describe('fixed start, 20 EM iterations, tol 0 (*-fixed20.json)', () => {
  const rows = fixtureNames('-fixed20').flatMap((name) => KERNELS.map((kernel) => ({ name, ...kernel })));

  test.each(rows)('$name with the $kernelName', async ({ name, kernel }) => {
    // Ref: shared fixture <name> from the title (loglik_trajectory, final)
    const fixture = loadFixed20(name);
    const { covariance_type: type, n_components: k, n_features: d, final } = fixture;
    const X = loadData(datasetOf(fixture));
    expect(X.rows).toBe(fixture.n_samples);

    const model = await fit(X, {
      ...fixedStart(type, fixture.start.means, fixture.iterations),
      regCovar: fixture.reg_covar,
      ...(kernel && { kernel }),
    });

    expect(model.nIter).toBe(fixture.iterations);
    expect(model.converged).toBe(false);
    // lowerBounds[t] is the log-likelihood before the (t+1)-th M-step: trajectory entries 0..19.
    expectClose(model.lowerBounds, fixture.loglik_trajectory.slice(0, fixture.iterations), 1e-9, 'lowerBounds');
    expect(model.lowerBound).toBe(model.lowerBounds.at(-1));
    // The final parameters' log-likelihood is the trajectory's last entry.
    expectClose([model.score(X)], [fixture.loglik_trajectory[fixture.iterations]!], 1e-9, 'score(X)');

    expectClose(model.weights, final.weights, 1e-7, 'weights');
    const variances = componentVariances(type, final.covariances, k, d);
    expectClose(flatten(model.means), flatten(final.means), 1e-7, 'means', meanScales(final.means, variances));
    expectClose(
      flatten(model.covariances),
      flatten(final.covariances),
      1e-7,
      'covariances',
      covarianceScales(type, final.covariances),
    );

    expect(model.nParameters).toBe(final.n_parameters);
    expectClose([model.bic(X), model.aic(X)], [final.bic, final.aic], 1e-9, '[bic, aic]');
  });
});

describe('k-means init, nInit 10, tol 1e-7 (*-fit.json)', () => {
  test.each(fixtureNames('-fit'))(
    '%s',
    async (name) => {
      // Ref: shared fixture <name> from the title (score_converged, bic_converged, weights, means)
      const fixture = loadFitFixture(name);
      const X = loadData(datasetOf(fixture));
      const n = X.rows;
      const model = await fit(X, {
        nComponents: fixture.n_components,
        covarianceType: fixture.covariance_type,
        nInit: 10,
        tol: 1e-7,
        maxIter: 1000,
      });

      const score = model.score(X);
      expect(score, 'score(X) reaches scikit-learn optimum (higher is fine)').toBeGreaterThanOrEqual(
        fixture.score_converged - 1e-6,
      );

      // The fixture's BIC is −2n·score + p·ln n: recover p from it, then the BIC difference must be the
      // score difference alone.
      const fixtureParameters = (fixture.bic_converged + 2 * n * fixture.score_converged) / Math.log(n);
      expect(Math.abs(fixtureParameters - Math.round(fixtureParameters))).toBeLessThan(1e-6);
      expect(model.nParameters).toBe(Math.round(fixtureParameters));
      const bic = model.bic(X);
      expect(
        Math.abs(bic - fixture.bic_converged - -2 * n * (score - fixture.score_converged)),
        `bic ${bic} vs fixture ${fixture.bic_converged} at score ${score} vs ${fixture.score_converged}`,
      ).toBeLessThanOrEqual(1e-6 * Math.abs(fixture.bic_converged));
      expectClose([model.aic(X)], [-2 * n * score + 2 * model.nParameters], 1e-12, 'aic(X)');

      // At the same optimum the parameters are scikit-learn's, up to the order of the components. Where EM
      // creeps (faithful k = 3) both fits stop at |Δ score| < 1e-7 with weights still ~3e-3 apart; a different
      // local optimum differs by ~0.3, so 1e-2 tells them apart.
      if (score <= fixture.score_converged + 1e-6) {
        const order = matchComponents(model.means, fixture.means);
        const variances = componentVariances(
          fixture.covariance_type,
          fixture.covariances,
          fixture.n_components,
          X.cols,
        );
        expectClose(
          order.map((j) => model.weights[j]!),
          fixture.weights,
          1e-2,
          'weights (matched)',
        );
        expectClose(
          flatten(order.map((j) => model.means[j]!)),
          flatten(fixture.means),
          1e-2,
          'means (matched)',
          meanScales(fixture.means, variances),
        );
      }
    },
    20_000,
  );
});
