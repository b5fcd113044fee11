/** The kernel session of a fit, re-opened when the number of components changes (a dropped component). */
import type { Kernel, KernelSession } from '@gmm/kernel';
import type { CovarianceType } from './covariance/index.js';
import type { Matrix } from './data.js';

/** Holds one session at a time, so a fit never keeps two copies of the data in kernel memory. */
export class SessionPool {
  readonly #kernel: Kernel;
  readonly #matrix: Matrix;
  readonly #kind: CovarianceType;
  #session: KernelSession | undefined;

  constructor(kernel: Kernel, matrix: Matrix, kind: CovarianceType) {
    this.#kernel = kernel;
    this.#matrix = matrix;
    this.#kind = kind;
  }

  /** A session holding the data, sized for k components. */
  get(k: number): KernelSession {
    if (this.#session?.k === k) return this.#session;
    this.#session?.dispose();
    const { data, rows, cols } = this.#matrix;
    this.#session = this.#kernel.createSession(data, rows, cols, { kind: this.#kind, k });
    return this.#session;
  }

  dispose(): void {
    this.#session?.dispose();
    this.#session = undefined;
  }
}
