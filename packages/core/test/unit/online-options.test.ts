// Online EM (issue 7, point 4): options, the step-size schedule, and use before the first batch.
import { describe, expect, it } from 'vitest';
import { GmmError, OnlineGaussianMixture, ONLINE_DEFAULTS, ValidationError } from '../../src/index.js';
import { stepSize } from '../../src/online/options.js';

function validationError(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('step size γ_t = (t + t0)^−κ', () => {
  it('follows Cappé & Moulines’ schedule', () => {
    // Ref: γ_1 = (1 + 2)^−0.6 = 3^−0.6 and γ_98 = 100^−0.6 = 10^−1.2, by hand.
    expect(stepSize(1, 2, 0.6)).toBeCloseTo(0.5172818579717866, 15);
    expect(stepSize(98, 2, 0.6)).toBeCloseTo(0.06309573444801933, 15);
    // κ = 1, t0 = 0: γ_1 = 1 (the batch replaces the statistics), then 1/t.
    expect(stepSize(1, 0, 1)).toBe(1);
    expect(stepSize(4, 0, 1)).toBe(0.25);
  });

  it('decreases with t, more slowly for a smaller κ', () => {
    const schedule = (kappa: number) => Array.from({ length: 50 }, (_, t) => stepSize(t + 1, ONLINE_DEFAULTS.t0, kappa));
    const slow = schedule(0.6);
    const fast = schedule(1);
    slow.slice(1).forEach((gamma, t) => expect(gamma).toBeLessThan(slow[t]!));
    slow.forEach((gamma, t) => expect(gamma).toBeGreaterThan(fast[t]!));
  });
});

describe('OnlineGaussianMixture options', () => {
  it.each([0.5, 0.2, 1.01, Number.NaN, '0.7'])('rejects kappa %s (expected in (0.5, 1])', (kappa) => {
    const error = validationError(() => new OnlineGaussianMixture({ kappa: kappa as number }));
    expect(error.parameter).toBe('kappa');
    expect(error.expected).toBe('a number in (0.5, 1]');
  });

  it('accepts kappa 1 and just above 0.5', () => {
    expect(() => new OnlineGaussianMixture({ kappa: 1 })).not.toThrow();
    expect(() => new OnlineGaussianMixture({ kappa: 0.5001 })).not.toThrow();
  });

  it.each([
    [{ t0: -1 }, 't0', 'a finite number >= 0', '-1'],
    [{ nComponents: 0 }, 'nComponents', 'an integer >= 1', '0'],
    [{ covarianceType: 'round' }, 'covarianceType', "one of 'full', 'tied', 'diag', 'spherical'", '"round"'],
    [{ regCovar: -1e-6 }, 'regCovar', 'a finite number >= 0', '-0.000001'],
    [{ seed: 1.5 }, 'seed', 'an integer between 0 and 4294967295', '1.5'],
    [{ featureNames: [1, 2] }, 'featureNames', 'an array of strings (one per feature)', 'an array of length 2'],
  ])('validates %o before any batch', (options, parameter, expected, received) => {
    const error = validationError(() => new OnlineGaussianMixture(options as never));
    expect([error.parameter, error.expected, error.received]).toEqual([parameter, expected, received]);
  });

  it('names an unknown option', () => {
    expect(() => new OnlineGaussianMixture({ batchSize: 10 } as never)).toThrow("Unknown option 'batchSize'");
  });

  it('has no model before the first batch, and says so', () => {
    const online = new OnlineGaussianMixture({ nComponents: 2 });
    expect(online.nBatches).toBe(0);
    expect(online.nSeen).toBe(0);
    for (const use of [() => online.model, () => online.predict([[0]]), () => online.score([[0]]), () => online.toJSON()]) {
      expect(use).toThrow(GmmError);
      expect(use).toThrow('call partialFit(batch) with a first batch');
    }
  });
});
