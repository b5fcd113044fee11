/** gmm sample: points drawn from a model, with the component each came from. */
import type { Command } from 'commander';
import type { CliIO } from '../io/cli-io.js';
import { modelFeatureNames } from '../io/columns.js';
import { readModel } from '../io/model-file.js';
import { withOutput } from '../io/output.js';
import { positiveInteger, seedValue } from '../options.js';
import { cell, csvField } from './shared.js';

interface SampleValues {
  count: number;
  seed: number;
  json?: boolean;
  output?: string;
}

/** Rows written per chunk, to keep each string small for large samples. */
const CHUNK_ROWS = 8192;

export function addSampleCommand(program: Command, io: CliIO): void {
  program
    .command('sample')
    .description('draw points from a model: CSV of the features plus a "component" column')
    .argument('<model>', 'model JSON file')
    .requiredOption('-n, --count <n>', 'number of points', positiveInteger)
    .option('--seed <seed>', 'random seed (integer)', seedValue, 0)
    .option('--json', 'print one JSON object instead of CSV')
    .option('-o, --output <file>', 'write here instead of stdout')
    .addHelpText('after', '\nExample:\n  $ gmm sample model.json -n 1000 --seed 7 > points.csv')
    .action(async (modelPath: string, values: SampleValues) => {
      const model = await readModel(modelPath);
      const { X, labels } = model.sample(values.count, values.seed);
      const names = modelFeatureNames(model);
      const d = X.cols;
      const row = (i: number) => Array.from(X.data.subarray(i * d, (i + 1) * d), cell).join(',');
      await withOutput(values.output, io, async (out) => {
        if (values.json) {
          const points = Array.from({ length: X.rows }, (_, i) => `[${row(i)}]`).join(',');
          await out.write(`{"featureNames":${JSON.stringify(names)},"X":[${points}],"components":[${Array.from(labels).join(',')}]}\n`);
          return;
        }
        await out.write(`${[...names, 'component'].map(csvField).join(',')}\n`);
        for (let start = 0; start < X.rows; start += CHUNK_ROWS) {
          const lines: string[] = [];
          for (let i = start; i < Math.min(start + CHUNK_ROWS, X.rows); i++) lines.push(`${row(i)},${labels[i]}`);
          await out.write(`${lines.join('\n')}\n`);
        }
      });
    });
}
