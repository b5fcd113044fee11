/**
 * Recovery from degenerate components (onDegenerate: 'recover'): after every M-step, a component whose
 * covariance cannot be factorised, that collapsed, or that holds less than one point is re-seeded at the
 * worst-explained row, or dropped when no row can take it.
 */
import type { CovarianceModule } from './covariance/index.js';
import type { Matrix } from './data.js';
import { IllDefinedCovarianceError } from './errors.js';
import { factorised, type MStepEstimate } from './m-step.js';
import { toKernelParams, type FittedParams } from './params.js';
import { logDensities } from './scoring.js';
import type { SessionPool } from './sessions.js';

export type ResetReason = 'collapsed' | 'ill-defined';
export type ResetAction = 'reseeded' | 'dropped';

/** One recovery: component (its index at that iteration) of restart `init` at `iteration` (0: the initialisation). */
export interface Reset {
  readonly init: number;
  readonly iteration: number;
  readonly component: number;
  readonly reason: ResetReason;
  readonly action: ResetAction;
  /** The row the component was re-seeded at (absent when it was dropped, or re-seeded as the whole data). */
  readonly row?: number;
}

export type ComponentReset = Omit<Reset, 'init' | 'iteration'>;

/** "component 2 collapsed at iteration 14 and was re-seeded at row 37" (components and rows from 0). */
export function describeReset(reset: Reset): string {
  const what = reset.reason === 'collapsed' ? 'collapsed' : 'had an ill-defined covariance';
  const when = reset.iteration === 0 ? 'at initialisation' : `at iteration ${reset.iteration}`;
  const restart = reset.init > 0 ? ` of restart ${reset.init + 1}` : '';
  const outcome =
    reset.action === 'dropped'
      ? 'was dropped'
      : reset.row === undefined
        ? 'was re-seeded as the whole data'
        : `was re-seeded at row ${reset.row}`;
  return `component ${reset.component} ${what} ${when}${restart} and ${outcome}`;
}

/**
 * A component collapsed when, for some coordinate, its variance given the previous coordinates (a squared
 * Cholesky pivot) minus regCovar is below this fraction of the data's own: at 1e-8 the component's spread is
 * 1e-4 of the data's, which on real data means it sits on (near-)identical rows.
 */
const COLLAPSE_FRACTION = 1e-8;
/**
 * A coordinate whose data variance (given the previous coordinates) is below (1e-10 × its root mean square)²
 * is constant, or a combination of the previous coordinates, up to rounding: every component shares that
 * zero spread, so it says nothing about one of them collapsing and is left out of the test.
 */
const CONSTANT_FRACTION = 1e-20;

/**
 * Squared Cholesky pivots of a dense symmetric d×d matrix: pivot c is the variance of coordinate c given the
 * previous ones. A pivot that is not > 0 (no factor exists) is reported as it is, and that coordinate is
 * then treated as determined by the previous ones.
 */
export function squaredPivots(A: Float64Array, d: number): Float64Array {
  const L = new Float64Array(d * d);
  const pivots = new Float64Array(d);
  for (let c = 0; c < d; c++) {
    let pivot = A[c * d + c]!;
    for (let m = 0; m < c; m++) pivot -= L[c * d + m]! ** 2;
    pivots[c] = pivot;
    if (!(pivot > 0 && Number.isFinite(pivot))) continue;
    const root = Math.sqrt(pivot);
    L[c * d + c] = root;
    for (let r = c + 1; r < d; r++) {
      let sum = A[r * d + c]!;
      for (let m = 0; m < c; m++) sum -= L[r * d + m]! * L[c * d + m]!;
      L[r * d + c] = sum / root;
    }
  }
  return pivots;
}

/** What the tests compare against, from the data once per fit. */
export interface DataScale {
  /** The data's squared pivots in the module's covariance structure; 0 for coordinates left out of the test. */
  readonly pivots: Float64Array;
  /** The whole data as one component: its mean, and its covariance (module structure, dense, regCovar added). */
  readonly mean: Float64Array;
  readonly block: Float64Array;
}

/** Σ_i (x_i − mean)_c² on the diagonal of a dense d×d matrix (zeros elsewhere): for a diagonal module. */
function centredDiagonal(X: Matrix, mean: Float64Array): Float64Array {
  const { data, rows: n, cols: d } = X;
  const sums = new Float64Array(d);
  for (let i = 0, row = 0; i < n; i++, row += d) {
    for (let c = 0; c < d; c++) {
      const centred = data[row + c]! - mean[c]!;
      sums[c]! += centred * centred;
    }
  }
  const dense = new Float64Array(d * d);
  for (let c = 0; c < d; c++) dense[c * d + c] = sums[c]!;
  return dense;
}

/** The upper triangle of Σ_i (x_i − mean)(x_i − mean)ᵀ (zeros below), two rows per pass over it. */
function centredScatter(X: Matrix, mean: Float64Array): Float64Array {
  const { data, rows: n, cols: d } = X;
  const dense = new Float64Array(d * d);
  const first = new Float64Array(d);
  const second = new Float64Array(d);
  for (let i = 0; i < n; i += 2) {
    // A lone last row pairs with zeros.
    const hasSecond = i + 1 < n;
    for (let c = 0; c < d; c++) {
      first[c] = data[i * d + c]! - mean[c]!;
      second[c] = hasSecond ? data[(i + 1) * d + c]! - mean[c]! : 0;
    }
    for (let a = 0; a < d; a++) {
      const firstA = first[a]!;
      const secondA = second[a]!;
      const row = a * d;
      for (let b = a; b < d; b++) dense[row + b]! += firstA * first[b]! + secondA * second[b]!;
    }
  }
  return dense;
}

export function dataScale(X: Matrix, module: CovarianceModule, regCovar: number): DataScale {
  const { data, rows: n, cols: d } = X;
  const mean = new Float64Array(d);
  const meanSquare = new Float64Array(d);
  for (let i = 0, row = 0; i < n; i++, row += d) {
    for (let c = 0; c < d; c++) {
      const value = data[row + c]!;
      mean[c]! += value;
      meanSquare[c]! += value * value;
    }
  }
  for (let c = 0; c < d; c++) {
    mean[c]! /= n;
    meanSquare[c]! /= n;
  }
  // The data's covariance, summed then divided once and mirrored; a diagonal module reads only its diagonal.
  const dense = module.variances ? centredDiagonal(X, mean) : centredScatter(X, mean);
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      dense[a * d + b]! /= n;
      dense[b * d + a] = dense[a * d + b]!;
    }
  }
  const block = module.denseCovariance(module.fromDenseBlocks([dense], d), 0, d);
  const pivots = squaredPivots(block, d).map((pivot, c) => (pivot > CONSTANT_FRACTION * meanSquare[c]! ? pivot : 0));
  for (let c = 0; c < d; c++) block[c * d + c]! += regCovar;
  return { pivots, mean, block };
}

/** Why each component is degenerate (undefined: it is fine); collapses are looked for only when `collapse` is set. */
function diagnose(
  module: CovarianceModule,
  estimate: MStepEstimate,
  k: number,
  d: number,
  samples: number,
  regCovar: number,
  scale: DataScale,
  collapse: boolean,
): (ResetReason | undefined)[] {
  const blockReasons = new Map<number, ResetReason | undefined>();
  const blockReason = (b: number): ResetReason | undefined => {
    // A diagonal block's squared pivots are its variances: the O(d³) factorisation would only subtract zeros.
    const pivots = module.variances?.(estimate.covariances, b, d) ?? squaredPivots(module.denseCovariance(estimate.covariances, b, d), d);
    if (pivots.some((pivot) => !(pivot > 0 && Number.isFinite(pivot)))) return 'ill-defined';
    if (!collapse) return undefined;
    const collapsed = pivots.some((pivot, c) => scale.pivots[c]! > 0 && pivot - regCovar < COLLAPSE_FRACTION * scale.pivots[c]!);
    return collapsed ? 'collapsed' : undefined;
  };
  return Array.from(module.blockIndices(k), (b, j) => {
    if (!blockReasons.has(b)) blockReasons.set(b, blockReason(b));
    // Less than one point (of total weight `samples`): nothing left to estimate the component from.
    return blockReasons.get(b) ?? (collapse && estimate.weights[j]! * samples < 1 ? 'collapsed' : undefined);
  });
}

/** Whether row i sits at `mean` on every coordinate the test looks at. */
function atMean(X: Matrix, i: number, mean: Float64Array, scale: DataScale): boolean {
  const d = X.cols;
  for (let c = 0; c < d; c++) {
    if (scale.pivots[c]! > 0 && (X.data[i * d + c]! - mean[c]!) ** 2 > COLLAPSE_FRACTION * scale.pivots[c]!) return false;
  }
  return true;
}

/** The worst-explained row of positive weight that is not at any placed component's mean, or −1 when there is none. */
function worstRow(X: Matrix, densities: Float64Array, placed: readonly Float64Array[], scale: DataScale, weights?: Float64Array): number {
  let worst = -1;
  for (let i = 0; i < X.rows; i++) {
    if (weights?.[i] === 0 || (worst >= 0 && densities[i]! >= densities[worst]!)) continue;
    if (!placed.some((mean) => atMean(X, i, mean, scale))) worst = i;
  }
  return worst;
}

/** Σ w_j B_j / Σ w_j over the given components. */
function weightedBlock(components: readonly number[], weights: Float64Array, blocks: readonly Float64Array[], d: number): Float64Array {
  const average = new Float64Array(d * d);
  let total = 0;
  for (const j of components) {
    total += weights[j]!;
    blocks[j]!.forEach((value, i) => (average[i]! += weights[j]! * value));
  }
  return average.map((value) => value / total);
}

/** The estimate of the given components only, weights renormalised. */
function subset(module: CovarianceModule, components: readonly number[], weights: Float64Array, means: Float64Array[], blocks: Float64Array[], d: number): MStepEstimate {
  let total = 0;
  for (const j of components) total += weights[j]!;
  return {
    weights: Float64Array.from(components, (j) => weights[j]! / total),
    means: Float64Array.from(components.flatMap((j) => Array.from(means[j]!))),
    covariances: module.fromDenseBlocks(components.map((j) => blocks[j]!), d),
  };
}

/** Re-seeds and drops for one restart; `budget` re-seeds are allowed before degenerate components are dropped. */
export class Recovery {
  readonly #module: CovarianceModule;
  readonly #X: Matrix;
  readonly #sessions: SessionPool;
  readonly #regCovar: number;
  readonly #scale: DataScale;
  #budget: number;

  constructor(module: CovarianceModule, X: Matrix, sessions: SessionPool, regCovar: number, scale: DataScale, budget: number) {
    this.#module = module;
    this.#X = X;
    this.#sessions = sessions;
    this.#regCovar = regCovar;
    this.#scale = scale;
    this.#budget = budget;
  }

  /**
   * The factorised parameters of an M-step estimate, after re-seeding or dropping its degenerate components.
   * `collapse` false looks only for covariances that cannot be factorised: an initialisation from single rows
   * (k-means++, random_from_data) starts every component collapsed on purpose, as scikit-learn does.
   */
  apply(estimate: MStepEstimate, collapse = true): { params: FittedParams; resets: ComponentReset[] } {
    const module = this.#module;
    const d = this.#X.cols;
    const k = estimate.weights.length;
    const reasons = diagnose(module, estimate, k, d, this.#sessions.totalWeight, this.#regCovar, this.#scale, collapse);
    if (!reasons.some((reason) => reason !== undefined)) {
      try {
        return { params: factorised(module, estimate, k, d), resets: [] };
      } catch (error) {
        if (!(error instanceof IllDefinedCovarianceError)) throw error;
        // The factorisation disagreed with the pivots on a borderline matrix: treat its component (all, if tied) as ill-defined.
        reasons.fill('ill-defined', error.component ?? 0, error.component === undefined ? k : error.component + 1);
      }
    }
    return this.#repair(estimate, reasons);
  }

  #repair(estimate: MStepEstimate, reasons: (ResetReason | undefined)[]): { params: FittedParams; resets: ComponentReset[] } {
    const module = this.#module;
    const X = this.#X;
    const d = X.cols;
    const k = reasons.length;
    const blockOf = module.blockIndices(k);
    const weights = estimate.weights.slice();
    const means = Array.from({ length: k }, (_, j) => estimate.means.slice(j * d, (j + 1) * d));
    const blocks = Array.from(blockOf, (b) => module.denseCovariance(estimate.covariances, b, d));
    const resets: ComponentReset[] = [];
    const kept = reasons.flatMap((reason, j) => (reason === undefined ? [j] : []));
    const degenerate = reasons.flatMap((reason, j) => (reason === undefined ? [] : [{ j, reason }]));
    if (kept.length === 0) {
      // Every component is degenerate: the first becomes the whole data as one component.
      const { j, reason } = degenerate.shift()!;
      means[j] = this.#scale.mean.slice();
      blocks[j] = this.#scale.block.slice();
      weights[j] = 1;
      kept.push(j);
      resets.push({ component: j, reason, action: 'reseeded' });
    }
    const healthyBlock = weightedBlock(kept, weights, blocks, d);
    const densities = this.#densities(subset(module, kept, weights, means, blocks, d));
    const dropped = new Set<number>();
    for (const { j, reason } of degenerate) {
      const row = this.#budget > 0 ? worstRow(X, densities, kept.map((m) => means[m]!), this.#scale, this.#sessions.sampleWeight) : -1;
      if (row < 0) {
        dropped.add(j);
        resets.push({ component: j, reason, action: 'dropped' });
        continue;
      }
      this.#budget--;
      means[j] = X.data.slice(row * d, (row + 1) * d);
      blocks[j] = healthyBlock.slice();
      weights[j] = 1 / k;
      kept.push(j);
      resets.push({ component: j, reason, action: 'reseeded', row: this.#sessions.dataRow(row) });
    }
    const remaining = Array.from({ length: k }, (_, j) => j).filter((j) => !dropped.has(j));
    // Tied: every remaining block is the shared covariance; fromDenseBlocks keeps the first.
    const repaired = subset(module, remaining, weights, means, blocks, d);
    return { params: factorised(module, repaired, remaining.length, d), resets };
  }

  /** log p(x) of every row under the mixture of the healthy components, through the kernel. */
  #densities(healthy: MStepEstimate): Float64Array {
    const k = healthy.weights.length;
    const params = factorised(this.#module, healthy, k, this.#X.cols);
    return logDensities(this.#sessions.get(k), toKernelParams(params, this.#X.cols));
  }
}
