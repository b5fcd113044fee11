/**
 * p(x_r | x_o) of a mixture for many rows with the same observed dimensions o: each distinct covariance block
 * is factorised once, then every row costs triangular solves only. The posterior weights are
 * w'_j ∝ w_j N(x_o; μ_j[o], Σ_j[oo]), normalised in log space.
 */
import type { ModelState } from '../model-state.js';
import { addMeanShift, blockFactor, conditionalGaussian, observedLogDensity, type ConditionalGaussian } from './gaussian-blocks.js';
import { blockLabel, denseBlocks } from './dense-blocks.js';
import { remainingDims } from './dims.js';

/** Normalises log-weights in place into weights summing to 1 (subtracting the maximum first). */
export function normaliseLogWeights(logWeights: Float64Array): void {
  let max = -Infinity;
  for (const value of logWeights) if (value > max) max = value;
  let sum = 0;
  for (let j = 0; j < logWeights.length; j++) sum += logWeights[j] = Math.exp(logWeights[j]! - max);
  for (let j = 0; j < logWeights.length; j++) logWeights[j]! /= sum;
}

export class MixtureConditioner {
  readonly observed: readonly number[];
  readonly remaining: readonly number[];
  readonly #state: ModelState;
  readonly #gaussians: ConditionalGaussian[];
  readonly #blockOf: Int32Array;
  readonly #logWeights: Float64Array;
  readonly #centred: Float64Array;
  #factors: (Float64Array | undefined)[] = [];

  constructor(state: ModelState, observed: readonly number[]) {
    const d = state.nFeatures;
    this.observed = observed;
    this.remaining = remainingDims(observed, d);
    this.#state = state;
    const { blocks, blockOf } = denseBlocks(state);
    this.#blockOf = blockOf;
    this.#gaussians = blocks.map((sigma, b) => conditionalGaussian(sigma, d, observed, this.remaining, blockLabel(blockOf, b)));
    this.#logWeights = state.params.weights.map(Math.log);
    this.#centred = new Float64Array(observed.length);
  }

  /** The conditional covariances Σ_rr − Σ_ro Σ_oo⁻¹ Σ_or, one per block (dense |r| × |r|). */
  get blockCovariances(): Float64Array[] {
    return this.#gaussians.map((gaussian) => gaussian.covariance);
  }

  /** Component j's conditional covariance (dense |r| × |r|); it does not depend on the observed values. */
  covariance(j: number): Float64Array {
    return this.#gaussians[this.#blockOf[j]!]!.covariance;
  }

  /** A lower factor of component j's conditional covariance (for drawing from it), computed once per block. */
  covarianceFactor(j: number): Float64Array {
    const b = this.#blockOf[j]!;
    const label = `${blockLabel(this.#blockOf, b)} given dimensions [${this.observed.join(', ')}]`;
    this.#factors[b] ??= blockFactor(this.covariance(j), this.remaining.length, label);
    return this.#factors[b];
  }

  /**
   * Given values[at + i] on observed[i]: the posterior weights into `weights` (length k) and the
   * conditional means μ_j[r] + Σ_ro Σ_oo⁻¹ (x_o − μ_j[o]) into `means` (k × |r|, row-major).
   */
  condition(values: ArrayLike<number>, at: number, weights: Float64Array, means: Float64Array): void {
    const { nComponents: k, nFeatures: d, params } = this.#state;
    const mr = this.remaining.length;
    const centred = this.#centred;
    for (let j = 0; j < k; j++) {
      const gaussian = this.#gaussians[this.#blockOf[j]!]!;
      this.observed.forEach((dim, i) => (centred[i] = values[at + i]! - params.means[j * d + dim]!));
      weights[j] = this.#logWeights[j]! + observedLogDensity(gaussian, centred);
      this.remaining.forEach((dim, i) => (means[j * mr + i] = params.means[j * d + dim]!));
      addMeanShift(gaussian, centred, means, j * mr);
    }
    normaliseLogWeights(weights);
  }
}
