/**
 * The kernel session of a fit, re-opened when the number of components changes (a dropped component), and
 * the fit's incomplete rows (missing: 'em'), which the kernel never sees.
 */
import {
  addStats,
  createStats,
  type EStepThreads,
  type Kernel,
  type KernelDtype,
  type KernelSession,
  type SufficientStats,
} from '@gmm/kernel';
import type { CovarianceModule, CovarianceType } from './covariance/index.js';
import type { Matrix } from './data.js';
import { addIncompleteStats } from './missing/statistics.js';
import type { MissingPattern, SplitRows } from './missing/rows.js';
import { toKernelParams, type MixtureParams } from './params.js';
import { totalWeight } from './sample-weight.js';

/** Holds one session at a time, so a fit never keeps two copies of the data in kernel memory. */
export class SessionPool {
  readonly #kernel: Kernel;
  readonly #matrix: Matrix;
  readonly #kind: CovarianceType;
  readonly #dtype: KernelDtype;
  /** Per-row sample weights of the kernel's rows (undefined: every row weighs 1). */
  readonly sampleWeight: Float64Array | undefined;
  /** Rows with missing values, grouped by pattern (empty unless missing: 'em'). */
  readonly incomplete: readonly MissingPattern[];
  /** Σ w over all the rows, incomplete ones included (the number of rows without weights): the n of the lower bound and the criteria. */
  readonly totalWeight: number;
  #session: KernelSession | undefined;
  /** Workers of the threaded E-step (undefined: one thread); owned by the caller. */
  readonly #threads: EStepThreads | undefined;

  /** The row of the fit's data each kernel row comes from (undefined: the same row). */
  readonly #rowIndex: Int32Array | undefined;

  /** `dtype`: of the kernel sessions. `split`: the data had missing values and `matrix` holds its complete rows. */
  constructor(
    kernel: Kernel,
    matrix: Matrix,
    kind: CovarianceType,
    dtype: KernelDtype,
    threads: EStepThreads | undefined,
    sampleWeight?: Float64Array,
    split?: SplitRows,
  ) {
    this.#kernel = kernel;
    this.#threads = threads;
    this.#matrix = matrix;
    this.#kind = kind;
    this.#dtype = dtype;
    this.sampleWeight = sampleWeight;
    const incomplete = split?.patterns ?? [];
    this.incomplete = incomplete;
    this.#rowIndex = split?.completeIndex;
    const incompleteWeight = incomplete.reduce((sum, pattern) => sum + pattern.weights.reduce((a, b) => a + b, 0), 0);
    this.totalWeight = totalWeight(sampleWeight, matrix.rows) + incompleteWeight;
  }

  /** The complete rows the kernel holds (row i of a session is row i of this matrix). */
  get matrix(): Matrix {
    return this.#matrix;
  }

  /** The row of the fit's data that kernel row i comes from. */
  dataRow(i: number): number {
    return this.#rowIndex ? this.#rowIndex[i]! : i;
  }

  /**
   * One E-step over every row: the kernel's fused pass over the complete rows, then the marginal pass over the
   * incomplete ones, their statistics added (both shifted by params.means). `stats` is overwritten; returns Σ w log p.
   * With threads the kernel's pass runs on row ranges in parallel.
   */
  async eStep(module: CovarianceModule, params: MixtureParams, stats: SufficientStats): Promise<number> {
    const k = params.weights.length;
    const { rows, cols: d } = this.#matrix;
    const session = this.get(k);
    const kernelParams = toKernelParams(params, d);
    const threads = this.#threads;
    const logLikelihood =
      threads && session.eStepThreaded
        ? await session.eStepThreaded(kernelParams, threads, stats)
        : session.eStep(kernelParams, 0, rows, stats);
    if (this.incomplete.length === 0) return logLikelihood;
    const extra = createStats(module.type, k, d);
    const incompleteLogLikelihood = addIncompleteStats(this.incomplete, module, params, d, extra);
    addStats(stats, extra);
    return logLikelihood + incompleteLogLikelihood;
  }

  /** A session holding the data, sized for k components. */
  get(k: number): KernelSession {
    if (this.#session?.k === k) return this.#session;
    this.#session?.dispose();
    const { data, rows, cols } = this.#matrix;
    this.#session = this.#kernel.createSession(data, rows, cols, { kind: this.#kind, k, dtype: this.#dtype }, this.sampleWeight);
    return this.#session;
  }

  dispose(): void {
    this.#session?.dispose();
    this.#session = undefined;
  }
}
