/** fitChunked: EM over data larger than memory, streamed block by block from a source, one pass per iteration. */
import { loadKernel, type EStepThreads, type Kernel } from '@gmm/kernel';
import { COVARIANCE_MODULES, type CovarianceModule } from '../covariance/index.js';
import { describe, ValidationError } from '../errors.js';
import { initialParameters } from '../init/index.js';
import { factorised, mStep } from '../m-step.js';
import { createModel, type GaussianMixture } from '../model.js';
import type { ModelState } from '../model-state.js';
import { DEFAULTS, resolveFitOptions, type ResolvedFitOptions } from '../options.js';
import type { FittedParams, MixtureParams } from '../params.js';
import { openThreads } from '../prepare.js';
import { Random } from '../random.js';
import { seedValue } from '../validate.js';
import { streamedEStep, type StreamShape } from './e-step.js';
import { resolveChunkedOptions, type ChunkedFitOptions } from './options.js';
import { Reservoir } from './reservoir.js';
import { streamBlocks, type RowSource } from './source.js';

interface ChunkedRun {
  readonly params: FittedParams;
  readonly lowerBound: number;
  readonly lowerBounds: number[];
  readonly converged: boolean;
}

/** One restart: each iteration streams the source once (the E-step), then the in-memory M-step. */
async function runStreamedEm(
  source: RowSource,
  shape: StreamShape,
  kernel: Kernel,
  module: CovarianceModule,
  start: MixtureParams,
  options: ResolvedFitOptions,
  threads: EStepThreads | undefined,
): Promise<ChunkedRun> {
  const lowerBounds: number[] = [];
  let params: MixtureParams = start;
  let fitted: FittedParams | undefined;
  let lowerBound = -Infinity;
  let converged = false;
  for (let iteration = 1; iteration <= options.maxIter && !converged; iteration++) {
    const { stats, logLikelihood } = await streamedEStep(source, shape, kernel, module, params, threads);
    const previous = lowerBound;
    lowerBound = logLikelihood / shape.rows;
    lowerBounds.push(lowerBound);
    fitted = mStep(module, stats, params.means, params.weights.length, shape.cols, options.regCovar);
    params = fitted;
    converged = Math.abs(lowerBound - previous) < options.tol;
  }
  // maxIter >= 1 (validated), so at least one M-step ran.
  return { params: fitted!, lowerBound, lowerBounds, converged };
}

/**
 * Fits a Gaussian mixture by EM to rows streamed from `source` (see RowSource), holding at most one block and
 * the model in memory. The first pass validates the blocks and draws a seeded reservoir sample on which the
 * initialisation runs (initSampleSize rows); every EM iteration of every restart is then one more pass.
 * The model is the one fit would return from the same start, up to the order of the sums.
 * `threads` splits each block's E-step over worker threads started once for the whole fit (default: the available
 * cores, at most one per 8192 rows of the largest block), terminated when the fit ends, also when it throws.
 * Not supported (ValidationError): warmStart, sampleWeight, missing, onDegenerate 'recover'.
 */
export async function fitChunked(source: RowSource, options?: ChunkedFitOptions): Promise<GaussianMixture> {
  if (typeof source !== 'function') {
    throw new ValidationError('source', 'a function returning an iterable of row blocks { data, rows, cols }', describe(source));
  }
  const { fitOptions, sampleSize } = resolveChunkedOptions(options);
  // One random stream, seeded by `seed`, draws the sample and then serves the restarts in order.
  const rng = Random.fromSeed(seedValue('seed', fitOptions.seed ?? DEFAULTS.seed));
  const reservoir = new Reservoir(sampleSize, rng);
  let largestBlock = 0;
  for await (const block of streamBlocks(source)) {
    reservoir.add(block);
    largestBlock = Math.max(largestBlock, block.rows);
  }
  const sample = reservoir.sample();
  const shape: StreamShape = { rows: reservoir.seen, cols: sample.cols };
  const resolved = resolveFitOptions(fitOptions, sample);
  const kernel = resolved.kernel ?? (await loadKernel());
  const module = COVARIANCE_MODULES[resolved.covarianceType];
  const k = resolved.nComponents;
  let best: ChunkedRun | undefined;
  const threads = await openThreads(kernel, resolved.threads, largestBlock);
  try {
    for (let init = 0; init < resolved.nInit; init++) {
      const start = initialParameters(sample, resolved, module, rng, (estimate) => factorised(module, estimate, k, shape.cols));
      const run = await runStreamedEm(source, shape, kernel, module, start, resolved, threads);
      if (best === undefined || run.lowerBound > best.lowerBound) best = run;
    }
  } finally {
    await threads?.dispose();
  }
  const state: ModelState = {
    covarianceType: resolved.covarianceType,
    nComponents: k,
    nFeatures: shape.cols,
    params: best!.params,
    converged: best!.converged,
    nIter: best!.lowerBounds.length,
    lowerBound: best!.lowerBound,
    lowerBounds: best!.lowerBounds,
    featureNames: resolved.featureNames,
  };
  return createModel(state, kernel);
}
