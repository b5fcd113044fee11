/** gmm plot: an SVG of the data coloured by component with means and covariance ellipses, or a 1-D histogram. */
import type { Command } from 'commander';
import type { GaussianMixture } from '@gmm/core';
import { UsageError } from '../errors.js';
import type { CliIO } from '../io/cli-io.js';
import { columnsForModel, modelFeatureNames } from '../io/columns.js';
import { readModel } from '../io/model-file.js';
import { withOutput } from '../io/output.js';
import { loadMatrix, openSource } from '../io/source.js';
import { addDataOptions, type DataOptionValues } from '../options.js';
import { histogramSpec } from '../plot/histogram-spec.js';
import { histogramData, scatterData } from '../plot/plot-data.js';
import { renderSvg } from '../plot/render.js';
import { scatterSpec } from '../plot/scatter-spec.js';

interface PlotValues extends DataOptionValues {
  x?: string;
  y?: string;
  output?: string;
}

/** A model feature by name or 1-based index, as a 0-based index. */
function featureIndex(option: string, value: string, names: readonly string[]): number {
  const byName = names.indexOf(value);
  if (byName >= 0) return byName;
  const position = Number(value);
  if (Number.isInteger(position) && position >= 1 && position <= names.length) return position - 1;
  throw new UsageError(`${option} ${value}: expected one of the model's features (${names.join(', ')}) or an index 1..${names.length}`);
}

type Layout = { kind: 'scatter'; x: number; y: number } | { kind: 'histogram'; column: number };

/** Two columns → scatter; --x alone or a 1-feature model → histogram; by default the first two features. */
function layoutOf(values: PlotValues, model: GaussianMixture, names: readonly string[]): Layout {
  const x = values.x === undefined ? 0 : featureIndex('--x', values.x, names);
  if (values.y !== undefined) {
    if (model.nFeatures < 2) throw new UsageError(`--y: the model has a single feature (${names[0]}), so the plot is a histogram`);
    const y = featureIndex('--y', values.y, names);
    return { kind: 'scatter', x, y };
  }
  if (model.nFeatures === 1 || values.x !== undefined) return { kind: 'histogram', column: x };
  return { kind: 'scatter', x: 0, y: 1 };
}

export function addPlotCommand(program: Command, io: CliIO): void {
  const command = program
    .command('plot')
    .description('draw the data coloured by component with means and 1σ/2σ ellipses (SVG); one column: a histogram with the component densities')
    .argument('<model>', 'model JSON file')
    .argument('[file]', "CSV/TSV file, or '-' for stdin")
    .option('--x <column>', 'feature on the x axis (name or 1-based index); alone: a histogram of it')
    .option('--y <column>', 'feature on the y axis (name or 1-based index)')
    .option('-o, --output <file.svg>', 'write the SVG here instead of stdout');
  addDataOptions(command).addHelpText(
    'after',
    '\nExamples:\n  $ gmm plot model.json --dataset faithful -o fit.svg\n  $ gmm plot model.json data.csv --x waiting -o waiting.svg',
  );
  command.action(async (modelPath: string, file: string | undefined, values: PlotValues) => {
    const model = await readModel(modelPath);
    const names = modelFeatureNames(model);
    const layout = layoutOf(values, model, names);
    const source = openSource(file, values, io);
    await withOutput(values.output, io, async (out) => {
      const X = await loadMatrix(source, columnsForModel(values.columns, names));
      const spec =
        layout.kind === 'scatter'
          ? scatterSpec(scatterData(model, X, model.predict(X), layout, names))
          : histogramSpec(histogramData(model, X, layout.column, names));
      await out.write(await renderSvg(spec));
    });
  });
}
