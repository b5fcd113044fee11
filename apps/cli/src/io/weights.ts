/** --weights-column: one column of the data read as per-row sample weights instead of as a feature. */
import { InputError, UsageError } from '../errors.js';
import { columnsForData, columnsWithWeights, parseColumnItem, type ColumnSpec } from './columns.js';
import type { CsvMatrix } from './read-csv.js';
import { loadMatrix, type DataSource } from './source.js';

export interface WeightOptions {
  readonly dataset?: string;
  readonly columns?: ColumnSpec;
  readonly weightsColumn?: string;
}

/** The feature matrix, and the weights when a weight column was given. */
export interface FitData extends CsvMatrix {
  readonly seconds: number;
  readonly sampleWeight?: Float64Array;
  /** The weight column's name, when there is one. */
  readonly weightsColumn?: string;
  /** Σ weights, or the number of rows without weights (what BIC uses as n). */
  readonly totalWeight: number;
}

/** Splits the last column (the weights, already checked finite and >= 0) off the features. */
function splitWeights(matrix: CsvMatrix & { seconds: number }, label: string): FitData {
  const { data, rows, cols, names, seconds } = matrix;
  const features = cols - 1;
  const X = new Float64Array(rows * features);
  const sampleWeight = new Float64Array(rows);
  let totalWeight = 0;
  for (let row = 0; row < rows; row++) {
    X.set(data.subarray(row * cols, row * cols + features), row * features);
    sampleWeight[row] = data[row * cols + features]!;
    totalWeight += sampleWeight[row]!;
  }
  const weightsColumn = names[features]!;
  if (totalWeight === 0) throw new InputError(`${label}: column "${weightsColumn}": every weight is 0 (expected at least one weight > 0)`);
  return { data: X, rows, cols: features, names: names.slice(0, features), seconds, sampleWeight, weightsColumn, totalWeight };
}

/** The data of fit and select: the --columns features, weighted by --weights-column when given. */
export async function loadFitData(source: DataSource, options: WeightOptions): Promise<FitData> {
  if (options.weightsColumn === undefined) {
    const matrix = await loadMatrix(source, columnsForData(options.columns));
    return { ...matrix, totalWeight: matrix.rows };
  }
  if (options.dataset !== undefined) {
    throw new UsageError(`--weights-column: the built-in data sets have no weight column (received --dataset ${options.dataset}); give a CSV file with one`);
  }
  const weight = parseColumnItem(options.weightsColumn);
  return splitWeights(await loadMatrix(source, columnsWithWeights(options.columns, weight)), source.label);
}
