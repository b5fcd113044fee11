/**
 * gmm fit --online --batch-size N: online EM over a CSV stream (file, stdin or data set). Rows are regrouped into
 * batches of exactly N (the last one may be shorter) and each batch goes to core's OnlineGaussianMixture.partialFit,
 * so memory holds one batch and the model, never the whole input.
 */
import { OnlineGaussianMixture, type CovarianceType, type GaussianMixture, type OnDegenerate } from '@gmm/core';
import { UsageError } from '../errors.js';
import { describeParameters, duration, num } from '../format.js';
import type { CliIO } from '../io/cli-io.js';
import { columnsForData } from '../io/columns.js';
import { modelText } from '../io/model-file.js';
import { printTo, withFile } from '../io/output.js';
import type { CsvBatch } from '../io/read-csv.js';
import { openSource, type DataSource } from '../io/source.js';
import { emOptions, type DataOptionValues, type EmOptionValues, type OutputModeValues } from '../options.js';
import { mixtureJSON } from './fit-summary.js';
import { warnResets } from './resets.js';

export interface OnlineFitValues extends DataOptionValues, EmOptionValues, OutputModeValues {
  online?: boolean;
  batchSize?: number;
  components?: number;
  covariance?: CovarianceType;
  meansInit?: string;
  weightsInit?: string;
  weightsColumn?: string;
  warmStart?: string;
  output?: string;
  onDegenerate: OnDegenerate;
  threads?: number;
  float32?: boolean;
}

/** Rows per batch when --online is given without --batch-size. */
const DEFAULT_BATCH_SIZE = 1000;

/** Options of plain fit that online fitting cannot honour, by their flags. */
const OFFLINE_ONLY = [
  ['meansInit', '--means-init'],
  ['weightsInit', '--weights-init'],
  ['weightsColumn', '--weights-column'],
  ['warmStart', '--warm-start'],
] as const;

/** Throws UsageError for --batch-size without --online, and for options online fitting does not take. */
export function checkOnlineValues(values: OnlineFitValues): void {
  if (!values.online) {
    if (values.batchSize !== undefined) throw new UsageError('--batch-size needs --online');
    return;
  }
  for (const [key, flag] of OFFLINE_ONLY) {
    if (values[key] !== undefined) throw new UsageError(`${flag} cannot be combined with --online`);
  }
  if (values.threads !== undefined) {
    throw new UsageError('--threads cannot be combined with --online: online EM updates the model one small batch at a time, on one thread');
  }
  if (values.float32) throw new UsageError('--float32 cannot be combined with --online: online EM holds one small float64 batch at a time');
}

/** The rows of a stream of CSV batches, regrouped into batches of exactly `size` rows (the last may be shorter). */
async function* fixedBatches(batches: AsyncIterable<CsvBatch>, size: number): AsyncGenerator<{ data: Float64Array; rows: number; cols: number; names: string[] }> {
  let buffer: Float64Array | undefined;
  let filled = 0;
  let names: string[] = [];
  for await (const batch of batches) {
    const { cols } = batch;
    buffer ??= new Float64Array(size * cols);
    names = batch.columns.names;
    for (let row = 0; row < batch.rows; ) {
      const take = Math.min(size - filled, batch.rows - row);
      buffer.set(batch.data.subarray(row * cols, (row + take) * cols), filled * cols);
      filled += take;
      row += take;
      // The consumer is done with the buffer when it asks for the next batch, so it is reused.
      if (filled === size) {
        yield { data: buffer, rows: size, cols, names };
        filled = 0;
      }
    }
  }
  if (buffer && filled > 0) {
    const cols = buffer.length / size;
    yield { data: buffer.subarray(0, filled * cols), rows: filled, cols, names };
  }
}

interface OnlineRun {
  online: OnlineGaussianMixture;
  names: string[];
  /** Σ log p over the batches after the first, each under the parameters before its update, and their rows. */
  prequential: { total: number; rows: number };
  seconds: number;
}

async function runOnline(source: DataSource, values: OnlineFitValues, batchSize: number): Promise<OnlineRun> {
  const start = performance.now();
  let online: OnlineGaussianMixture | undefined;
  let names: string[] = [];
  const prequential = { total: 0, rows: 0 };
  for await (const batch of fixedBatches(source.batches(columnsForData(values.columns)), batchSize)) {
    // The feature names are known with the first batch; the options were checked by commander and are core's.
    online ??= new OnlineGaussianMixture({
      nComponents: values.components ?? 1,
      covarianceType: values.covariance ?? 'full',
      ...emOptions(values),
      onDegenerate: values.onDegenerate,
      featureNames: batch.names,
    });
    names = batch.names;
    const first = online.nBatches === 0;
    await online.partialFit(batch);
    // After an update, the model's lower bound is the batch's mean log-likelihood before it.
    if (!first) {
      prequential.total += online.model.lowerBound * batch.rows;
      prequential.rows += batch.rows;
    }
  }
  // The reader throws on a source without rows, so there was a first batch.
  return { online: online!, names, prequential, seconds: (performance.now() - start) / 1000 };
}

function summaryJSON(source: DataSource, run: OnlineRun, batchSize: number, output: string | undefined) {
  const { online } = run;
  const model = online.model;
  return {
    source: source.label,
    rows: online.nSeen,
    ...mixtureJSON(model),
    online: true,
    batchSize,
    nBatches: online.nBatches,
    lowerBound: model.lowerBound,
    /** Mean log-likelihood of the rows after the first batch, each scored before its batch updated the model (null: one batch). */
    prequentialScore: run.prequential.rows > 0 ? run.prequential.total / run.prequential.rows : null,
    nParameters: model.nParameters,
    resets: model.resets,
    timings: { fit: run.seconds, perBatch: run.seconds / online.nBatches },
    output: output ?? null,
  };
}

function summaryText(summary: ReturnType<typeof summaryJSON>, model: GaussianMixture): string {
  const names = summary.featureNames;
  const lines = [
    `${summary.nComponents}-component ${summary.covarianceType} Gaussian mixture fitted online to ${summary.rows} rows × ${summary.nFeatures} columns (${names.join(', ')}) of ${summary.source}`,
    `online EM over ${summary.nBatches} batches of ${summary.batchSize} rows (the first fitted by EM, one update per later batch)`,
    summary.prequentialScore === null
      ? 'a single batch: no row was scored before an update'
      : `prequential log-likelihood ${num(summary.prequentialScore)} per row (each batch after the first, scored before its update)`,
    `${summary.nParameters} parameters`,
    '',
    ...describeParameters(model, names),
    '',
    `time: fit ${duration(summary.timings.fit)} (${duration(summary.timings.perBatch)} per batch)`,
  ];
  if (summary.output) lines.push(`model written to ${summary.output}`);
  return `${lines.join('\n')}\n`;
}

/** The action of `gmm fit --online`. */
export async function fitOnline(file: string | undefined, values: OnlineFitValues, io: CliIO): Promise<void> {
  const batchSize = values.batchSize ?? DEFAULT_BATCH_SIZE;
  const print = printTo(io);
  const source = openSource(file, values, io);
  const { summary, model } = await withFile(values.output, async (modelFile) => {
    const run = await runOnline(source, values, batchSize);
    await modelFile?.write(modelText(run.online.model));
    return { summary: summaryJSON(source, run, batchSize, values.output), model: run.online.model };
  });
  warnResets(io, model.resets, values.quiet);
  await print(values.json ? `${JSON.stringify(summary)}\n` : summaryText(summary, model));
}
