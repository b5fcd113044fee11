/** The E-step of a chunked fit: one pass over the source, block statistics added in stream order. */
import { addStats, createStats, type EStepThreads, type Kernel, type SufficientStats } from '@gmm/kernel';
import type { CovarianceModule } from '../covariance/index.js';
import { toKernelParams, type MixtureParams } from '../params.js';
import { streamBlocks, type RowSource } from './source.js';

/** The shape of the streamed data, known after the first pass. */
export interface StreamShape {
  readonly rows: number;
  readonly cols: number;
}

/**
 * Streams every block once through the kernel's fused E-step and sums the statistics (shifted by params.means)
 * and Σ log p in block order, so the result does not depend on anything but the blocks (and the thread count).
 * Each block is copied into kernel memory, scored and released before the next is requested: memory is bounded by
 * the largest block. With `threads` (the fit's workers), each block's E-step is split over them.
 */
export async function streamedEStep(
  source: RowSource,
  shape: StreamShape,
  kernel: Kernel,
  module: CovarianceModule,
  params: MixtureParams,
  threads: EStepThreads | undefined,
): Promise<{ stats: SufficientStats; logLikelihood: number }> {
  const k = params.weights.length;
  const { cols: d } = shape;
  const kernelParams = toKernelParams(params, d);
  const stats = createStats(module.type, k, d);
  const blockStats = createStats(module.type, k, d);
  let logLikelihood = 0;
  for await (const block of streamBlocks(source, d, shape.rows)) {
    const session = kernel.createSession(block.data, block.rows, d, { kind: module.type, k });
    try {
      logLikelihood +=
        threads && session.eStepThreaded
          ? await session.eStepThreaded(kernelParams, threads, blockStats)
          : session.eStep(kernelParams, 0, block.rows, blockStats);
    } finally {
      session.dispose();
    }
    addStats(stats, blockStats);
  }
  return { stats, logLikelihood };
}
