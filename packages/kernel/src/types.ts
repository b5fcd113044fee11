/**
 * The contract shared by the WebAssembly kernel and the pure-TypeScript reference kernel.
 *
 * The kernel knows nothing of GMM options: it sees buffers, sizes and a covariance layout.
 * Layouts (all Float64Array, row-major):
 *   means      k·d
 *   precChol   upper-triangular Cholesky factor U of each precision matrix (P = U Uᵀ, sklearn's
 *              `precisions_cholesky_`), stored as:
 *                full       k · d(d+1)/2   packed upper triangle, row by row: (0,0) (0,1) … (0,d-1) (1,1) …
 *                tied       d(d+1)/2       one packed upper triangle shared by every component
 *                diag       k·d            the diagonal of U
 *                spherical  k              the scalar U
 *   logConst   k   log w_j + log|U_j| − (d/2)·log(2π), so that log w_j p_j(x) = logConst_j − ½‖(x − μ_j)ᵀU_j‖²
 * Statistics of rows [start, end), shifted by the means the E-step used (c_j = μ_j); with sample weights w_i
 * every sum below also carries w_i (N = Σ w_i r_ij, and so on):
 *   N  k           Σ r_ij
 *   S  k·d         Σ r_ij (x_i − c_j)
 *   Q  full        k · d(d+1)/2   Σ r_ij (x_i − c_j)(x_i − c_j)ᵀ, packed upper per component
 *      tied        d(d+1)/2       Σ_j Σ_i r_ij (x_i − c_j)(x_i − c_j)ᵀ, packed upper, summed over components
 *      diag        k·d            Σ r_ij (x_i − c_j)²  per coordinate
 *      spherical   k              Σ r_ij ‖x_i − c_j‖²
 *
 * dtype 'float32' (a session option): the session subtracts a centre m from every column of its data (in f64: the
 * column medians of a sample of rows) and keeps f32(x − m); the kernel works on μ_j − m, in f32 arithmetic, with
 * the statistics and Σ log p summed in f64. Everything above holds with x_i replaced by m + f32(x_i − m) (the
 * shift by c_j takes m out again), to the accuracy of f32 arithmetic. Parameters and outputs stay Float64Array.
 */

export type CovarianceKind = 'full' | 'tied' | 'diag' | 'spherical';

export const COVARIANCE_KINDS: readonly CovarianceKind[] = ['full', 'tied', 'diag', 'spherical'];

/** The parameters one E-step needs, in the layouts above. */
export interface KernelParams {
  readonly means: Float64Array;
  readonly precChol: Float64Array;
  readonly logConst: Float64Array;
}

/** Shifted sufficient statistics of a range of rows, in the layouts above. */
export interface SufficientStats {
  readonly N: Float64Array;
  readonly S: Float64Array;
  readonly Q: Float64Array;
}

/** How a session stores its data and computes: f64 throughout, or f32 data and arithmetic with f64 sums. */
export type KernelDtype = 'float64' | 'float32';

export const KERNEL_DTYPES: readonly KernelDtype[] = ['float64', 'float32'];

/** Shape of one fit: what a session is sized for. */
export interface SessionShape {
  readonly kind: CovarianceKind;
  /** Number of components. */
  readonly k: number;
  /** Default 'float64'. 'float32': see the header of this file; every centred value must fit in f32. */
  readonly dtype?: KernelDtype;
}

/**
 * A data matrix resident in kernel memory for the life of the session (one fit, or one prediction call).
 * Per call only the parameters cross the boundary.
 */
export interface KernelSession {
  readonly rows: number;
  readonly cols: number;
  readonly kind: CovarianceKind;
  readonly k: number;
  /**
   * The fused one-pass E-step over rows [start, end): per row the k log-densities, their log-sum-exp,
   * the responsibilities, added into the statistics. `stats` is overwritten (zeroed first).
   * Returns Σ log p(x_i) over the range; with sample weights, Σ w_i log p(x_i) and weighted statistics
   * (a row of weight 0 adds nothing, whatever its density).
   */
  eStep(params: KernelParams, start: number, end: number, stats: SufficientStats): number;
  /**
   * Per-row outputs over rows [start, end). `logDensity[i - start]` = log p(x_i) (log-sum-exp of the
   * weighted log-densities); `logResp[(i - start)·k + j]` = log r_ij. Either output may be null.
   */
  scoreRows(
    params: KernelParams,
    start: number,
    end: number,
    logDensity: Float64Array | null,
    logResp: Float64Array | null,
  ): void;
  /**
   * The E-step of `eStep` over every row, split into contiguous chunks of even length (row pairs are never split;
   * float32: whole blocks of the kernel's f32 sums): one chunk on one thread, else long chunks first and short ones
   * last, which the threads claim as they finish one. Each chunk's statistics and log-likelihood are added in chunk order (0, 1, …),
   * so the result depends on the thread count, never on timing. Only kernels with `openThreads`.
   */
  eStepThreaded?(params: KernelParams, threads: EStepThreads, stats: SufficientStats): Promise<number>;
  /** Release the kernel memory held by this session. Idempotent. */
  dispose(): void;
}

/** Worker threads (the calling thread counts as one) that sessions of one kernel share for eStepThreaded. */
export interface EStepThreads {
  /** Number of threads an E-step runs on: the workers plus the calling thread. */
  readonly count: number;
  /** Terminates the workers. Idempotent. */
  dispose(): Promise<void>;
}

export interface Kernel {
  readonly name: string;
  /**
   * Copy `data` (rows × cols, row-major) into kernel memory once, with the optional per-row `sampleWeight`
   * (length rows, finite, >= 0) that weights the E-step's log-likelihood and statistics (not scoreRows).
   */
  createSession(
    data: Float64Array,
    rows: number,
    cols: number,
    shape: SessionShape,
    sampleWeight?: Float64Array,
  ): KernelSession;
  /**
   * Starts `count − 1` workers on the kernel's shared memory (fewer threads where memory cannot be shared:
   * `count` of the result says how many). The caller disposes them.
   */
  openThreads?(count: number): Promise<EStepThreads>;
}
