/** gmm score: the log-density of every row, streamed, then the mean. */
import type { Command } from 'commander';
import type { CliIO } from '../io/cli-io.js';
import { readModel } from '../io/model-file.js';
import { withOutput } from '../io/output.js';
import { addDataOptions, type DataOptionValues } from '../options.js';
import { cell, modelBatches } from './shared.js';

interface ScoreValues extends DataOptionValues {
  json?: boolean;
  output?: string;
}

export function addScoreCommand(program: Command, io: CliIO): void {
  const command = program
    .command('score')
    .description('print the log-density of each row (one per line), then a "# mean <value>" line')
    .argument('<model>', 'model JSON file')
    .argument('[file]', "CSV/TSV file, or '-' for stdin")
    .option('--json', 'print one JSON object instead of lines')
    .option('-o, --output <file>', 'write here instead of stdout');
  addDataOptions(command).addHelpText(
    'after',
    '\nExamples:\n  $ gmm score model.json data.csv\n  $ gmm sample model.json -n 1000 | gmm score model.json -',
  );
  command.action(async (modelPath: string, file: string | undefined, values: ScoreValues) => {
    const model = await readModel(modelPath);
    const json = values.json === true;
    const batches = modelBatches(model, file, values, io);
    await withOutput(values.output, io, async (out) => {
      let total = 0;
      let rows = 0;
      for await (const batch of batches) {
        const logDensity = model.scoreSamples(batch);
        for (const value of logDensity) total += value;
        const text = Array.from(logDensity, cell).join(json ? ',' : '\n');
        // The JSON opening goes out with the first batch, so bad input leaves stdout empty.
        await out.write(json ? `${rows > 0 ? ',' : '{"logDensity":['}${text}` : `${text}\n`);
        rows += batch.rows;
      }
      const mean = total / rows;
      await out.write(json ? `],"rows":${rows},"mean":${cell(mean)}}\n` : `# mean ${cell(mean)}\n`);
    });
  });
}
