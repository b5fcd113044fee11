/** The `gmm` program: commander set up to write to the given streams and to throw instead of exiting. */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { addFitCommand } from './commands/fit.js';
import { addImputeCommand } from './commands/impute.js';
import { addInfoCommand } from './commands/info.js';
import { addPlotCommand } from './commands/plot.js';
import { addPredictCommand } from './commands/predict.js';
import { addRegressCommand } from './commands/regress.js';
import { addSampleCommand } from './commands/sample.js';
import { addScoreCommand } from './commands/score.js';
import { addSelectCommand } from './commands/select.js';
import type { CliIO } from './io/cli-io.js';

function packageVersion(): string {
  const json = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return json.version;
}

export function createProgram(io: CliIO): Command {
  const program = new Command('gmm')
    .description('Gaussian mixture models from the command line: fit, select, predict, score, sample, impute, regress, plot')
    .version(packageVersion())
    // Settings made before .command() are inherited by every subcommand.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Errors are one line: commander puts its "(Did you mean …?)" on a line of its own.
      outputError: (text, write) => write(text.replace(/\n(?=\(Did you mean)/, ' ')),
    })
    .addHelpText(
      'after',
      '\nQuick start:\n  $ gmm select --dataset faithful\n  $ gmm fit --dataset faithful -k 3 --covariance tied -o model.json\n  $ gmm plot model.json --dataset faithful -o fit.svg',
    );
  addFitCommand(program, io);
  addSelectCommand(program, io);
  addPredictCommand(program, io);
  addScoreCommand(program, io);
  addSampleCommand(program, io);
  addImputeCommand(program, io);
  addRegressCommand(program, io);
  addPlotCommand(program, io);
  addInfoCommand(program, io);
  return program;
}
