/** gmm regress: Gaussian mixture regression, the mean and spread of the other features given the input columns. */
import type { Command } from 'commander';
import type { Regression } from '@gmm/core';
import { UsageError } from '../errors.js';
import type { CliIO } from '../io/cli-io.js';
import { columnsForModel, modelFeatureNames, type ColumnSpec } from '../io/columns.js';
import { readModel } from '../io/model-file.js';
import { withOutput } from '../io/output.js';
import { openSource } from '../io/source.js';
import { addDataOptions, columnSpec, type DataOptionValues } from '../options.js';
import { cell, csvField } from './shared.js';

interface RegressValues extends DataOptionValues {
  inputs: ColumnSpec;
  json?: boolean;
  output?: string;
}

/** --inputs as 0-based model dimensions: names or 1-based indices of the model's features, distinct, not all. */
function inputDims(spec: ColumnSpec, names: readonly string[]): number[] {
  const dims = spec.map((item) => {
    const dim = typeof item === 'number' ? item - 1 : names.indexOf(item);
    if (!(dim >= 0 && dim < names.length)) {
      throw new UsageError(`--inputs ${item}: expected one of the model's features (${names.join(', ')}) or an index 1..${names.length}`);
    }
    return dim;
  });
  const twice = dims.find((dim, i) => dims.indexOf(dim) !== i);
  if (twice !== undefined) throw new UsageError(`--inputs: feature ${names[twice]} is given twice`);
  if (dims.length === names.length) {
    throw new UsageError(`--inputs: every feature of the model (${names.join(', ')}) is an input, so there is nothing left to predict`);
  }
  return dims;
}

/** Per row: mean and standard deviation of each output, as CSV lines. */
function csvRows({ mean, covariance }: Regression): string[] {
  const m = mean.cols;
  return Array.from({ length: mean.rows }, (_, row) =>
    Array.from({ length: m }, (_, a) => `${cell(mean.data[row * m + a]!)},${cell(Math.sqrt(covariance[(row * m + a) * m + a]!))}`).join(','),
  );
}

/** Per row: the mean vector and the covariance matrix, as JSON texts. */
function jsonRows({ mean, covariance }: Regression): { means: string[]; covariances: string[] } {
  const m = mean.cols;
  const vector = (data: Float64Array, offset: number) => `[${Array.from(data.subarray(offset, offset + m), cell).join(',')}]`;
  return {
    means: Array.from({ length: mean.rows }, (_, row) => vector(mean.data, row * m)),
    covariances: Array.from(
      { length: mean.rows },
      (_, row) => `[${Array.from({ length: m }, (_, a) => vector(covariance, (row * m + a) * m)).join(',')}]`,
    ),
  };
}

export function addRegressCommand(program: Command, io: CliIO): void {
  const command = program
    .command('regress')
    .description("predict the other features from the --inputs columns: per row, each one's conditional mean and standard deviation")
    .argument('<model>', 'model JSON file')
    .argument('[file]', "CSV/TSV file holding the input columns (by header name), or '-' for stdin")
    .requiredOption('--inputs <list>', "input features: names or 1-based indices of the model's features, comma-separated", columnSpec)
    .option('--json', 'print one JSON object with the mean vectors and full covariance matrices')
    .option('-o, --output <file>', 'write here instead of stdout');
  addDataOptions(command).addHelpText(
    'after',
    '\nExamples:\n  $ gmm regress model.json --dataset faithful --inputs eruptions\n  $ printf "eruptions\\n2\\n4.5\\n" | gmm regress model.json - --inputs eruptions --json',
  );
  command.action(async (modelPath: string, file: string | undefined, values: RegressValues) => {
    const model = await readModel(modelPath);
    const names = modelFeatureNames(model);
    const dims = inputDims(values.inputs, names);
    const source = openSource(file, values, io);
    const inputs = dims.map((dim) => names[dim]!);
    const batches = source.batches(columnsForModel(values.columns, inputs));
    const outputs = names.filter((_, dim) => !dims.includes(dim));
    await withOutput(values.output, io, async (out) => {
      let first = true;
      for await (const batch of batches) {
        const regression = model.regress(batch, dims);
        // The opening goes out with the first batch, so bad input leaves stdout empty.
        if (values.json) {
          const { means, covariances } = jsonRows(regression);
          const head = first ? `{"inputs":${JSON.stringify(inputs)},"outputs":${JSON.stringify(outputs)},"rows":[` : ',';
          await out.write(head + means.map((mean, row) => `{"mean":${mean},"covariance":${covariances[row]}}`).join(','));
        } else {
          const head = first ? `${outputs.flatMap((name) => [`${name}_mean`, `${name}_sd`]).map(csvField).join(',')}\n` : '';
          await out.write(`${head}${csvRows(regression).join('\n')}\n`);
        }
        first = false;
      }
      if (values.json) await out.write(']}\n');
    });
  });
}
