/** Pieces shared by several commands. */
import { Option } from 'commander';
import { COVARIANCE_TYPES, type GaussianMixture } from '@gmm/core';
import type { CliIO } from '../io/cli-io.js';
import { columnsForModel, modelFeatureNames } from '../io/columns.js';
import type { CsvBatch } from '../io/read-csv.js';
import { openSource } from '../io/source.js';
import type { DataOptionValues } from '../options.js';

export function covarianceOption(): Option {
  return new Option('--covariance <type>', 'covariance type (default: full, or the warm-start model\'s)').choices(COVARIANCE_TYPES);
}

/** A header name as a CSV field, quoted when it holds a delimiter, quote or newline. */
export function csvField(text: string): string {
  return /[",;\t\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Shortest text that reads back as the same double. */
export function cell(value: number): string {
  return String(value);
}

/** The rows of a data source, in batches, with the columns the model was fitted on. */
export function modelBatches(model: GaussianMixture, file: string | undefined, values: DataOptionValues, io: CliIO): AsyncGenerator<CsvBatch> {
  return openSource(file, values, io).batches(columnsForModel(values.columns, modelFeatureNames(model)));
}
