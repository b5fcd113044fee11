/** One batch's E-step for the online mixture: its statistics about the fixed centre and its mean log-likelihood. */
import { createStats, type Kernel, type SufficientStats } from '@gmm/kernel';
import type { CovarianceModule } from '../covariance/index.js';
import type { Matrix } from '../data.js';
import { toKernelParams, type MixtureParams } from '../params.js';
import { totalWeight } from '../sample-weight.js';
import { averageAboutCentre } from './statistics.js';

export interface BatchStatistics {
  /** Per-unit-weight statistics about the centre. */
  readonly stats: SufficientStats;
  /** Σ w log p(x) / Σ w under `params`. */
  readonly meanLogLikelihood: number;
  /** Σ w (the number of rows without weights). */
  readonly totalWeight: number;
}

/** One fused kernel E-step over the batch with `params`; the batch is in kernel memory only during the call. */
export function batchStatistics(
  kernel: Kernel,
  batch: Matrix,
  sampleWeight: Float64Array | undefined,
  params: MixtureParams,
  module: CovarianceModule,
  centre: Float64Array,
): BatchStatistics {
  const { data, rows, cols: d } = batch;
  const k = params.weights.length;
  const session = kernel.createSession(data, rows, d, { kind: module.type, k }, sampleWeight);
  try {
    const stats = createStats(module.type, k, d);
    const logLikelihood = session.eStep(toKernelParams(params, d), 0, rows, stats);
    const weight = totalWeight(sampleWeight, rows);
    return {
      stats: averageAboutCentre(stats, params.means, centre, weight, module),
      meanLogLikelihood: logLikelihood / weight,
      totalWeight: weight,
    };
  } finally {
    session.dispose();
  }
}

/** Σ w x / Σ w: the centre every later batch's statistics are moved to. */
export function weightedMean(batch: Matrix, sampleWeight: Float64Array | undefined): Float64Array {
  const { data, rows, cols: d } = batch;
  const mean = new Float64Array(d);
  let total = 0;
  for (let i = 0; i < rows; i++) {
    const w = sampleWeight ? sampleWeight[i]! : 1;
    total += w;
    for (let c = 0; c < d; c++) mean[c]! += w * data[i * d + c]!;
  }
  return mean.map((sum) => sum / total);
}
