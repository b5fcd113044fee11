/** gmm info: what a model file holds. */
import type { Command } from 'commander';
import type { GaussianMixture } from '@gmm/core';
import { describeParameters, num } from '../format.js';
import type { CliIO } from '../io/cli-io.js';
import { modelFeatureNames } from '../io/columns.js';
import { readModel } from '../io/model-file.js';
import { printTo } from '../io/output.js';

function infoJSON(path: string, model: GaussianMixture) {
  const json = model.toJSON();
  return {
    file: path,
    format: json.format,
    version: json.version,
    covarianceType: model.covarianceType,
    nComponents: model.nComponents,
    nFeatures: model.nFeatures,
    featureNames: model.featureNames ?? null,
    nParameters: model.nParameters,
    converged: model.converged,
    nIter: model.nIter,
    lowerBound: model.lowerBound,
    weights: model.weights,
    means: model.means,
    covariances: model.covariances,
  };
}

function infoText(info: ReturnType<typeof infoJSON>, model: GaussianMixture): string {
  const names = modelFeatureNames(model);
  return [
    `${info.file}: ${info.format} version ${info.version}`,
    `${info.nComponents}-component ${info.covarianceType} Gaussian mixture over ${info.nFeatures} features (${info.featureNames ? names.join(', ') : 'unnamed'})`,
    `${info.nParameters} free parameters; ${info.converged ? 'converged' : 'did NOT converge'} after ${info.nIter} iterations; lower bound ${num(info.lowerBound)} per row`,
    '',
    ...describeParameters(model, names),
    '',
  ].join('\n');
}

export function addInfoCommand(program: Command, io: CliIO): void {
  program
    .command('info')
    .description('show what a model file holds')
    .argument('<model>', 'model JSON file')
    .option('--json', 'print one JSON object instead of text')
    .addHelpText('after', '\nExample:\n  $ gmm info model.json')
    .action(async (path: string, values: { json?: boolean }) => {
      const model = await readModel(path);
      const info = infoJSON(path, model);
      await printTo(io)(values.json ? `${JSON.stringify(info)}\n` : infoText(info, model));
    });
}
