/**
 * gmm fit --chunk-rows N: EM over data larger than memory. The CSV is parsed once into a temporary binary file
 * (io/chunk-file.ts) and core's fitChunked streams it back N rows at a time, one pass per EM iteration; one more
 * pass scores the final model. Memory holds one block and the model, never the whole input. --threads splits each
 * block's E-step over workers started once for the fit.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defaultThreadCount, fitChunked, type GaussianMixture, type RowSource } from '@gmm/core';
import { UsageError } from '../errors.js';
import { chunkFilePath, withChunkFile } from '../io/chunk-file.js';
import type { CliIO } from '../io/cli-io.js';
import { columnsForData } from '../io/columns.js';
import { modelText } from '../io/model-file.js';
import { printTo, withFile } from '../io/output.js';
import { openSource } from '../io/source.js';
import type { DataOptionValues, OutputModeValues } from '../options.js';
import { createProgress } from '../progress.js';
import { startOptions, type StartValues } from './fit-start.js';
import { summaryJSON, summaryText, type FitRun } from './fit-summary.js';
import type { MissingMode } from './missing.js';

export interface ChunkedFitValues extends DataOptionValues, StartValues, OutputModeValues {
  chunkRows?: number;
  weightsColumn?: string;
  output?: string;
  online?: boolean;
  onDegenerate: 'recover' | 'error';
  missing: MissingMode;
}

/**
 * Files larger than this are fitted in chunks without being asked: their rows as f64, the parser's garbage and the
 * kernel's copy of the rows would take a few times the file's size in memory.
 */
const AUTO_CHUNK_BYTES = 512 * 1024 * 1024;

/** Rows per block when chunking was not asked for but the file is large. */
const DEFAULT_CHUNK_ROWS = 1_000_000;

/** The flags a chunked fit cannot honour, given the values and whether --on-degenerate was given on the command line. */
function conflictingFlags(values: ChunkedFitValues, explicitOnDegenerate: boolean): string[] {
  return [
    ...(explicitOnDegenerate && values.onDegenerate === 'recover' ? ['--on-degenerate recover'] : []),
    ...(values.missing === 'em' ? ['--missing em'] : []),
    ...(values.weightsColumn !== undefined ? ['--weights-column'] : []),
    ...(values.warmStart !== undefined ? ['--warm-start'] : []),
    ...(values.online ? ['--online'] : []),
    ...(values.float32 ? ['--float32'] : []),
  ];
}

const WHY: Record<string, string> = {
  '--on-degenerate recover': 're-seeding needs the rows in memory; a chunked fit fails on a degenerate component (--on-degenerate error)',
  '--missing em': 'missing values are fitted on the rows in memory',
  '--weights-column': 'a chunked fit has no per-row weights',
  '--warm-start': 'a chunked fit starts from its own initialisation',
  '--online': 'choose one of online EM and chunked EM',
  '--float32': 'a chunked fit streams float64 blocks',
};

function isLargeFile(file: string | undefined, values: ChunkedFitValues): boolean {
  if (file === undefined || file === '-' || values.dataset !== undefined) return false;
  const stats = statSync(file, { throwIfNoEntry: false });
  return stats !== undefined && stats.isFile() && stats.size > AUTO_CHUNK_BYTES;
}

/**
 * The rows per block of a chunked fit, or undefined for a fit in memory: --chunk-rows (UsageError when combined
 * with a flag it cannot honour), else the default for a large file when no such flag was given.
 */
export function chunkRowsFor(file: string | undefined, values: ChunkedFitValues, explicitOnDegenerate: boolean): number | undefined {
  const conflicts = conflictingFlags(values, explicitOnDegenerate);
  if (values.chunkRows !== undefined) {
    const [flag] = conflicts;
    if (flag !== undefined) throw new UsageError(`${flag} cannot be combined with --chunk-rows: ${WHY[flag]}`);
    return values.chunkRows;
  }
  return conflicts.length === 0 && isLargeFile(file, values) ? DEFAULT_CHUNK_ROWS : undefined;
}

/** The source, counting its passes: the first validates and samples, every later one is an EM iteration. */
function countingPasses(source: RowSource, onPass: (pass: number) => void): RowSource {
  let passes = 0;
  return () => {
    onPass(++passes);
    return source();
  };
}

/** Σ log p over the blocks, in block order: the final model's log-likelihood. */
async function streamedLogLikelihood(model: GaussianMixture, source: RowSource): Promise<number> {
  let total = 0;
  for await (const block of source()) for (const logDensity of model.scoreSamples(block)) total += logDensity;
  return total;
}

/** The action of `gmm fit` with chunked EM, `chunkRows` rows per block. */
export async function fitInChunks(file: string | undefined, values: ChunkedFitValues, chunkRows: number, io: CliIO): Promise<void> {
  const print = printTo(io);
  // --missing em is rejected, so a missing cell is an error.
  const source = openSource(file, { ...values, missing: false }, io);
  const { summary, model } = await withFile(values.output, (modelFile) =>
    withChunkFile(chunkFilePath(values.output), source.batches(columnsForData(values.columns)), chunkRows, async (blocks, shape, loadSeconds) => {
      const fitOptions = await startOptions(values, shape.names, io);
      // Core's default for blocks of this size, decided here so that the summary can say how many threads ran.
      const threads = fitOptions.threads ?? defaultThreadCount(Math.min(chunkRows, shape.rows), availableParallelism());
      const options = { ...fitOptions, threads, onDegenerate: 'error' as const };
      const maxIter = options.maxIter ?? 100;
      const total = (options.nInit ?? 1) * maxIter;
      const progress = createProgress(io, { ...values, delayMs: 1000 });
      const start = performance.now();
      let passes = 0;
      let model: GaussianMixture;
      try {
        model = await fitChunked(
          countingPasses(blocks, (pass) => {
            passes = pass;
            progress.update(pass - 1, total, pass === 1 ? 'sampling the data' : `EM pass ${pass - 1}`);
          }),
          options,
        );
      } finally {
        progress.stop();
      }
      const run: FitRun = { model, iterations: passes - 1, seconds: (performance.now() - start) / 1000, threads, dtype: 'float64' };
      const logLikelihood = await streamedLogLikelihood(model, blocks);
      const nParameters = model.nParameters;
      // As core's criteria with n = the number of rows.
      const criteria = {
        score: logLikelihood / shape.rows,
        bic: -2 * logLikelihood + nParameters * Math.log(shape.rows),
        aic: -2 * logLikelihood + 2 * nParameters,
      };
      await modelFile?.write(modelText(model));
      const data = { source: source.label, rows: shape.rows, totalWeight: shape.rows, loadSeconds, criteria };
      return { summary: { ...summaryJSON(data, run, values.output), chunkRows }, model };
    }),
  );
  const how = `in chunks of ${summary.chunkRows} rows, streamed from a temporary binary copy of the data (one pass per iteration)`;
  await print(values.json ? `${JSON.stringify(summary)}\n` : summaryText(summary, model, values.tol, how));
}
