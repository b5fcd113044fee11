/** gmm impute: the data with its missing cells (empty, NaN, NA) filled from the model, streamed batch by batch. */
import { Option, type Command } from 'commander';
import { IMPUTE_METHODS, type ImputeMethod } from '@gmm/core';
import type { CliIO } from '../io/cli-io.js';
import { columnsForModel, modelFeatureNames } from '../io/columns.js';
import { readModel } from '../io/model-file.js';
import { withOutput } from '../io/output.js';
import type { CsvBatch } from '../io/read-csv.js';
import { openSource } from '../io/source.js';
import { addDataOptions, seedValue, type DataOptionValues } from '../options.js';
import { cell, csvField } from './shared.js';

interface ImputeValues extends DataOptionValues {
  method: ImputeMethod;
  seed: number;
  output?: string;
}

/** Rows per imputation call: fixed, so the draws of --method sample do not depend on how the input arrives. */
const BATCH_ROWS = 4096;

interface RowBlock {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
  readonly names: string[];
}

/** The rows of the batches regrouped into blocks of exactly `size` rows (the last one shorter). */
async function* fixedBlocks(batches: AsyncIterable<CsvBatch>, size: number): AsyncGenerator<RowBlock> {
  let buffer: Float64Array | undefined;
  let filled = 0;
  let cols = 0;
  let names: string[] = [];
  for await (const batch of batches) {
    cols = batch.cols;
    names = batch.columns.names;
    for (let row = 0; row < batch.rows; row++) {
      buffer ??= new Float64Array(size * cols);
      buffer.set(batch.data.subarray(row * cols, (row + 1) * cols), filled * cols);
      if (++filled === size) {
        yield { data: buffer, rows: size, cols, names };
        buffer = undefined;
        filled = 0;
      }
    }
  }
  if (buffer && filled > 0) yield { data: buffer.subarray(0, filled * cols), rows: filled, cols, names };
}

/** An independent 32-bit seed for the b-th block (murmur3's finaliser of seed and b). */
function blockSeed(seed: number, block: number): number {
  let h = (seed + Math.imul(block, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export function addImputeCommand(program: Command, io: CliIO): void {
  const command = program
    .command('impute')
    .description("fill each row's missing cells (empty, NaN or NA) with their conditional mean given its other cells, or a draw")
    .argument('<model>', 'model JSON file')
    .argument('[file]', "CSV/TSV file, or '-' for stdin")
    .addOption(
      new Option('--method <method>', 'mean: the conditional mean; sample: a draw from the conditional mixture')
        .choices(IMPUTE_METHODS)
        .default('mean'),
    )
    .option('--seed <seed>', 'random seed of --method sample (integer)', seedValue, 0)
    .option('-o, --output <file>', 'write here instead of stdout');
  addDataOptions(command).addHelpText(
    'after',
    '\nThe output has the model\'s feature columns, observed cells unchanged.\n' +
      '\nExamples:\n  $ gmm impute model.json gaps.csv -o filled.csv\n  $ cat gaps.csv | gmm impute model.json - --method sample --seed 3',
  );
  command.action(async (modelPath: string, file: string | undefined, values: ImputeValues) => {
    const model = await readModel(modelPath);
    const source = openSource(file, { ...values, missing: true }, io);
    const batches = source.batches(columnsForModel(values.columns, modelFeatureNames(model)));
    await withOutput(values.output, io, async (out) => {
      let index = 0;
      for await (const block of fixedBlocks(batches, BATCH_ROWS)) {
        const { data, cols } = model.impute(block, { method: values.method, seed: blockSeed(values.seed, index) });
        const lines: string[] = [];
        for (let row = 0; row < block.rows; row++) lines.push(Array.from(data.subarray(row * cols, (row + 1) * cols), cell).join(','));
        // The header goes out with the first block, so bad input leaves stdout empty.
        const head = index === 0 ? `${block.names.map(csvField).join(',')}\n` : '';
        await out.write(`${head}${lines.join('\n')}\n`);
        index++;
      }
    });
  });
}
