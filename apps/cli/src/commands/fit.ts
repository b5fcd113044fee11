/** gmm fit: fit a mixture to a CSV file or a built-in data set, print a summary, optionally save the model. */
import type { Command } from 'commander';
import { fitSteps, type FitOptions, type GaussianMixture } from '@gmm/core';
import type { CliIO } from '../io/cli-io.js';
import { modelText } from '../io/model-file.js';
import { printTo, withFile } from '../io/output.js';
import { openSource, type DataSource } from '../io/source.js';
import { loadFitData, type FitData } from '../io/weights.js';
import {
  addDataOptions,
  addEmOptions,
  addOutputModeOptions,
  positiveInteger,
  threadsOption,
  float32Option,
  type DataOptionValues,
  type OutputModeValues,
} from '../options.js';
import { chunkRowsFor, fitInChunks } from './fit-chunked.js';
import { checkOnlineValues, fitOnline, type OnlineFitValues } from './fit-online.js';
import { startOptions, type StartValues } from './fit-start.js';
import { summaryJSON, summaryText, type FitDataSummary, type FitRun } from './fit-summary.js';
import { fitCriteria, missingOption, readsMissing, type MissingMode } from './missing.js';
import { onDegenerateOption, warnResets } from './resets.js';
import { covarianceOption } from './shared.js';
import { createProgress } from '../progress.js';

interface FitValues extends DataOptionValues, StartValues, OutputModeValues {
  weightsColumn?: string;
  output?: string;
  onDegenerate: FitOptions['onDegenerate'];
  missing: MissingMode;
  chunkRows?: number;
}

/** Runs EM step by step so long fits can show progress; counts iterations over all restarts. */
async function runFit(data: { data: Float64Array; rows: number; cols: number }, options: FitOptions, io: CliIO, values: FitValues): Promise<FitRun> {
  const progress = createProgress(io, { ...values, delayMs: 1000 });
  const total = (options.nInit ?? 1) * (options.maxIter ?? 100);
  const start = performance.now();
  let iterations = 0;
  let threads: number | undefined;
  try {
    const steps = fitSteps(data, options);
    for (let step = await steps.next(); ; step = await steps.next()) {
      if (step.done) {
        return { model: step.value, iterations, seconds: (performance.now() - start) / 1000, threads, dtype: options.dtype ?? 'float64' };
      }
      iterations++;
      threads = step.value.threads;
      const done = step.value.init * (options.maxIter ?? 100) + step.value.iteration;
      progress.update(done, total, `init ${step.value.init + 1}, iteration ${step.value.iteration}`);
    }
  } finally {
    progress.stop();
  }
}

function dataSummary(source: DataSource, X: FitData, model: GaussianMixture): FitDataSummary {
  const { rows, weightsColumn, totalWeight, seconds } = X;
  return { source: source.label, rows, ...(weightsColumn !== undefined && { weightsColumn }), totalWeight, loadSeconds: seconds, criteria: fitCriteria(model, X) };
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
    .option(
      '--chunk-rows <rows>',
      'data larger than memory: parse the input once into a temporary binary file and stream it back this many rows at a time, one pass per EM iteration (automatic, 1000000 rows, for files over 512 MB)',
      positiveInteger,
    )
    .addOption(threadsOption())
    .addOption(float32Option())
    .addOption(onDegenerateOption())
    .addOption(missingOption());
  addDataOptions(command);
  addOutputModeOptions(command);
  command.addHelpText(
    'after',
    '\nExamples:\n  $ gmm fit --dataset faithful -k 3 --covariance tied -o model.json\n  $ gmm fit data.csv --columns waiting,eruptions -k 2 --n-init 5 --json\n  $ gmm fit counts.csv --weights-column count -k 2\n  $ gmm fit survey.csv --missing em -k 3\n  $ cat big.csv | gmm fit - --online --batch-size 5000 -k 3 -o model.json\n  $ gmm fit huge.csv --chunk-rows 1000000 -k 5 -o model.json\n  $ gmm fit data.csv -k 8 --threads 2\n  $ gmm fit data.csv -k 8 --float32',
  );
  command.action(async (file: string | undefined, values: FitValues & OnlineFitValues) => {
    checkOnlineValues(values);
    const chunkRows = chunkRowsFor(file, values, command.getOptionValueSource('onDegenerate') === 'cli');
    if (values.online) return fitOnline(file, values, io);
    if (chunkRows !== undefined) return fitInChunks(file, values, chunkRows, io);
    const print = printTo(io);
    const source = openSource(file, { ...values, missing: readsMissing(values.missing) }, io);
    const { summary, model } = await withFile(values.output, async (modelFile) => {
      const X = await loadFitData(source, values);
      const options: FitOptions = {
        ...(await startOptions(values, X.names, io)),
        onDegenerate: values.onDegenerate,
        missing: values.missing,
        ...(X.sampleWeight && { sampleWeight: X.sampleWeight }),
      };
      const run = await runFit(X, options, io, values);
      await modelFile?.write(modelText(run.model));
      return { summary: summaryJSON(dataSummary(source, X, run.model), run, values.output), model: run.model };
    });
    warnResets(io, model.resets, values.quiet);
    await print(values.json ? `${JSON.stringify(summary)}\n` : summaryText(summary, model, values.tol));
  });
}
