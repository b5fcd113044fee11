/** The kernel session of a fit, re-opened when the number of components changes (a dropped component). */
import type { Kernel, KernelSession } from '@gmm/kernel';
import type { CovarianceType } from './covariance/index.js';
import type { Matrix } from './data.js';
import { totalWeight } from './sample-weight.js';

/** Holds one session at a time, so a fit never keeps two copies of the data in kernel memory. */
export class SessionPool {
  readonly #kernel: Kernel;
  readonly #matrix: Matrix;
  readonly #kind: CovarianceType;
  /** Per-row sample weights of the fit's E-steps (undefined: every row weighs 1). */
  readonly sampleWeight: Float64Array | undefined;
  /** Σ w over the rows (the number of rows without weights): the n of the lower bound and the criteria. */
  readonly totalWeight: number;
  #session: KernelSession | undefined;

  constructor(kernel: Kernel, matrix: Matrix, kind: CovarianceType, sampleWeight?: Float64Array) {
    this.#kernel = kernel;
    this.#matrix = matrix;
    this.#kind = kind;
    this.sampleWeight = sampleWeight;
    this.totalWeight = totalWeight(sampleWeight, matrix.rows);
  }

  /** A session holding the data, sized for k components. */
  get(k: number): KernelSession {
    if (this.#session?.k === k) return this.#session;
    this.#session?.dispose();
    const { data, rows, cols } = this.#matrix;
    this.#session = this.#kernel.createSession(data, rows, cols, { kind: this.#kind, k }, this.sampleWeight);
    return this.#session;
  }

  dispose(): void {
    this.#session?.dispose();
    this.#session = undefined;
  }
}
