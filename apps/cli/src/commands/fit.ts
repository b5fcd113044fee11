/** gmm fit: fit a mixture to a CSV file or a built-in data set, print a summary, optionally save the model. */
import type { Command } from 'commander';
import { fitSteps, type FitOptions, type GaussianMixture } from '@gmm/core';
import { InputError } from '../errors.js';
import { describeParameters, duration, num } from '../format.js';
import type { CliIO } from '../io/cli-io.js';
import { columnsForData } from '../io/columns.js';
import { modelText, readModel } from '../io/model-file.js';
import { printTo, withFile } from '../io/output.js';
import { loadMatrix, openSource, type DataSource } from '../io/source.js';
import { loadFitData, type FitData } from '../io/weights.js';
import {
  addDataOptions,
  addEmOptions,
  emOptions,
  addOutputModeOptions,
  positiveInteger,
  type DataOptionValues,
  type EmOptionValues,
  type OutputModeValues,
} from '../options.js';
import { checkOnlineValues, fitOnline, type OnlineFitValues } from './fit-online.js';
import { fitCriteria, missingOption, readsMissing, type MissingMode } from './missing.js';
import { onDegenerateOption, warnResets } from './resets.js';
import { covarianceOption } from './shared.js';
import { createProgress } from '../progress.js';

interface FitValues extends DataOptionValues, EmOptionValues, OutputModeValues {
  components?: number;
  covariance?: FitOptions['covarianceType'];
  meansInit?: string;
  weightsInit?: string;
  weightsColumn?: string;
  warmStart?: string;
  output?: string;
  onDegenerate: FitOptions['onDegenerate'];
  missing: MissingMode;
}

/** A small CSV of numbers (all columns, header detected) as rows. */
async function readNumbers(path: string, values: FitValues, io: CliIO): Promise<number[][]> {
  const { data, rows, cols } = await loadMatrix(openSource(path, { delimiter: values.delimiter }, io), columnsForData(undefined));
  return Array.from({ length: rows }, (_, i) => Array.from(data.subarray(i * cols, (i + 1) * cols)));
}

/** --weights-init: k numbers in one row or one column. */
async function readWeights(path: string, values: FitValues, io: CliIO): Promise<number[]> {
  const rows = await readNumbers(path, values, io);
  if (rows.length > 1 && rows[0]!.length > 1) {
    throw new InputError(`${path}: --weights-init expects one row or one column of weights, received ${rows.length} × ${rows[0]!.length}`);
  }
  return rows.flat();
}

async function fitOptions(values: FitValues, featureNames: string[], io: CliIO): Promise<FitOptions> {
  const meansInit = values.meansInit === undefined ? undefined : await readNumbers(values.meansInit, values, io);
  const warmStart = values.warmStart === undefined ? undefined : await readModel(values.warmStart);
  // -k defaults to the rows of --means-init, then to the warm-start model, then to core's default.
  const nComponents = values.components ?? (warmStart ? undefined : meansInit?.length);
  // An explicit --covariance must agree with a warm-start model (core checks that); otherwise full.
  const covarianceType = values.covariance ?? (warmStart ? undefined : 'full');
  return {
    ...(nComponents !== undefined && { nComponents }),
    ...(covarianceType && { covarianceType }),
    ...emOptions(values),
    onDegenerate: values.onDegenerate,
    missing: values.missing,
    featureNames,
    ...(meansInit && { meansInit }),
    ...(values.weightsInit !== undefined && { weightsInit: await readWeights(values.weightsInit, values, io) }),
    ...(warmStart && { warmStart }),
  };
}

interface FitRun {
  model: GaussianMixture;
  iterations: number;
  seconds: number;
}

/** Runs EM step by step so long fits can show progress; counts iterations over all restarts. */
async function runFit(data: { data: Float64Array; rows: number; cols: number }, options: FitOptions, io: CliIO, values: FitValues): Promise<FitRun> {
  const progress = createProgress(io, { ...values, delayMs: 1000 });
  const total = (options.nInit ?? 1) * (options.maxIter ?? 100);
  const start = performance.now();
  let iterations = 0;
  try {
    const steps = fitSteps(data, options);
    for (let step = await steps.next(); ; step = await steps.next()) {
      if (step.done) return { model: step.value, iterations, seconds: (performance.now() - start) / 1000 };
      iterations++;
      const done = step.value.init * (options.maxIter ?? 100) + step.value.iteration;
      progress.update(done, total, `init ${step.value.init + 1}, iteration ${step.value.iteration}`);
    }
  } finally {
    progress.stop();
  }
}

function summaryJSON(source: DataSource, rows: number, run: FitRun, loadSeconds: number, X: FitData, output: string | undefined) {
  const { model } = run;
  const { score, bic, aic } = fitCriteria(model, X);
  return {
    source: source.label,
    rows,
    weightsColumn: X.weightsColumn ?? null,
    totalWeight: X.totalWeight,
    featureNames: model.featureNames ?? [],
    covarianceType: model.covarianceType,
    nComponents: model.nComponents,
    nFeatures: model.nFeatures,
    weights: model.weights,
    means: model.means,
    covariances: model.covariances,
    converged: model.converged,
    nIter: model.nIter,
    lowerBound: model.lowerBound,
    lowerBounds: model.lowerBounds,
    logLikelihood: score * X.totalWeight,
    score,
    bic,
    aic,
    nParameters: model.nParameters,
    resets: model.resets,
    timings: { load: loadSeconds, fit: run.seconds, perIteration: run.iterations > 0 ? run.seconds / run.iterations : 0 },
    output: output ?? null,
  };
}

function weightedBy(summary: ReturnType<typeof summaryJSON>): string {
  return summary.weightsColumn === null ? '' : `, weighted by column ${summary.weightsColumn} (total weight ${num(summary.totalWeight)})`;
}

function summaryText(summary: ReturnType<typeof summaryJSON>, model: GaussianMixture, values: FitValues): string {
  const names = summary.featureNames;
  const lines = [
    `${summary.nComponents}-component ${summary.covarianceType} Gaussian mixture fitted to ${summary.rows} rows × ${summary.nFeatures} columns (${names.join(', ')}) of ${summary.source}${weightedBy(summary)}`,
    summary.converged
      ? `converged after ${summary.nIter} iterations (tol ${values.tol})`
      : `did NOT converge within ${summary.nIter} iterations (tol ${values.tol}): try a larger --max-iter`,
    `log-likelihood ${num(summary.logLikelihood)} (${num(summary.score)} per ${summary.weightsColumn === null ? 'row' : 'unit of weight'})`,
    `BIC ${num(summary.bic)}  AIC ${num(summary.aic)}  (${summary.nParameters} parameters)`,
    '',
    ...describeParameters(model, names),
    '',
    `time: load ${duration(summary.timings.load)}, fit ${duration(summary.timings.fit)} (${duration(summary.timings.perIteration)} per iteration)`,
  ];
  if (summary.output) lines.push(`model written to ${summary.output}`);
  return `${lines.join('\n')}\n`;
}

export function addFitCommand(program: Command, io: CliIO): void {
  const command = program
    .command('fit')
    .description('fit a Gaussian mixture by EM and print a summary')
    .argument('[file]', "CSV/TSV file, or '-' for stdin")
    .option('-k, --components <k>', 'number of components (default: 1, or the rows of --means-init)', positiveInteger);
  command.addOption(covarianceOption());
  addEmOptions(command, { tol: '1e-3', maxIter: '100' })
    .option('--means-init <csv>', 'initial means: a CSV with k rows and one column per feature')
    .option('--weights-init <csv>', 'initial weights: a CSV with k numbers summing to 1')
    .option('--weights-column <name|index>', 'per-row sample weights (>= 0) from this column, which is not a feature')
    .option('--warm-start <model.json>', 'continue from this model (its k and covariance type)')
    .option('-o, --output <model.json>', 'write the fitted model (JSON) here')
    .option('--online', 'online EM: read the data as a stream, one update per batch, never holding the whole input')
    .option('--batch-size <rows>', 'rows per batch with --online (default: 1000)', positiveInteger)
    .addOption(onDegenerateOption())
    .addOption(missingOption());
  addDataOptions(command);
  addOutputModeOptions(command);
  command.addHelpText(
    'after',
    '\nExamples:\n  $ gmm fit --dataset faithful -k 3 --covariance tied -o model.json\n  $ gmm fit data.csv --columns waiting,eruptions -k 2 --n-init 5 --json\n  $ gmm fit counts.csv --weights-column count -k 2\n  $ gmm fit survey.csv --missing em -k 3\n  $ cat big.csv | gmm fit - --online --batch-size 5000 -k 3 -o model.json',
  );
  command.action(async (file: string | undefined, values: FitValues & OnlineFitValues) => {
    checkOnlineValues(values);
    if (values.online) return fitOnline(file, values, io);
    const print = printTo(io);
    const source = openSource(file, { ...values, missing: readsMissing(values.missing) }, io);
    const { summary, model } = await withFile(values.output, async (modelFile) => {
      const X = await loadFitData(source, values);
      const options = { ...(await fitOptions(values, X.names, io)), ...(X.sampleWeight && { sampleWeight: X.sampleWeight }) };
      const run = await runFit(X, options, io, values);
      await modelFile?.write(modelText(run.model));
      return { summary: summaryJSON(source, X.rows, run, X.seconds, X, values.output), model: run.model };
    });
    warnResets(io, model.resets, values.quiet);
    await print(values.json ? `${JSON.stringify(summary)}\n` : summaryText(summary, model, values));
  });
}
