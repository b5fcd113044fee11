/** gmm predict: the component (or with --proba the responsibilities) of every row, streamed batch by batch. */
import type { Command } from 'commander';
import type { CliIO } from '../io/cli-io.js';
import { readModel } from '../io/model-file.js';
import { withOutput } from '../io/output.js';
import { addDataOptions, type DataOptionValues } from '../options.js';
import { cell, modelBatches } from './shared.js';

interface PredictValues extends DataOptionValues {
  proba?: boolean;
  json?: boolean;
  output?: string;
}

/** Rows of responsibilities as CSV lines or JSON arrays. */
function probabilityRows(data: Float64Array, rows: number, k: number, json: boolean): string[] {
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const values = Array.from(data.subarray(i * k, (i + 1) * k), cell).join(',');
    lines.push(json ? `[${values}]` : values);
  }
  return lines;
}

export function addPredictCommand(program: Command, io: CliIO): void {
  const command = program
    .command('predict')
    .description('label each row with its most probable component (or --proba: every component\'s probability)')
    .argument('<model>', 'model JSON file')
    .argument('[file]', "CSV/TSV file, or '-' for stdin")
    .option('--proba', 'print the responsibilities instead of labels')
    .option('--json', 'print one JSON object instead of CSV')
    .option('-o, --output <file>', 'write here instead of stdout');
  addDataOptions(command).addHelpText(
    'after',
    '\nExamples:\n  $ gmm predict model.json data.csv > labels.csv\n  $ cat data.csv | gmm predict model.json - --proba',
  );
  command.action(async (modelPath: string, file: string | undefined, values: PredictValues) => {
    const model = await readModel(modelPath);
    const k = model.nComponents;
    const json = values.json === true;
    const batches = modelBatches(model, file, values, io);
    await withOutput(values.output, io, async (out) => {
      const key = values.proba ? 'probabilities' : 'labels';
      const csvHeader = values.proba ? Array.from({ length: k }, (_, j) => `proba_${j}`).join(',') : 'component';
      let first = true;
      for await (const batch of batches) {
        const lines = values.proba
          ? probabilityRows(model.predictProba(batch).data, batch.rows, k, json)
          : Array.from(model.predict(batch), String);
        // The header goes out with the first batch, so bad input leaves stdout empty.
        const head = first ? (json ? `{"nComponents":${k},"${key}":[` : `${csvHeader}\n`) : json ? ',' : '';
        await out.write(json ? `${head}${lines.join(',')}` : `${head}${lines.join('\n')}\n`);
        first = false;
      }
      if (json) await out.write(']}\n');
    });
  });
}
