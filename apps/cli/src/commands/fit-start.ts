/** The options of fit that say where EM starts and how it runs: -k, --covariance, the EM settings, --means-init, --weights-init, --warm-start, --threads, --float32. */
import type { CovarianceType, FitOptions } from '@gmm/core';
import { InputError } from '../errors.js';
import type { CliIO } from '../io/cli-io.js';
import { columnsForData } from '../io/columns.js';
import { readModel } from '../io/model-file.js';
import { loadMatrix, openSource } from '../io/source.js';
import { emOptions, type EmOptionValues } from '../options.js';

export interface StartValues extends EmOptionValues {
  delimiter?: string;
  components?: number;
  covariance?: CovarianceType;
  meansInit?: string;
  weightsInit?: string;
  warmStart?: string;
  threads?: number;
  float32?: boolean;
}

/** A small CSV of numbers (all columns, header detected) as rows. */
async function readNumbers(path: string, values: StartValues, io: CliIO): Promise<number[][]> {
  const { data, rows, cols } = await loadMatrix(openSource(path, { delimiter: values.delimiter }, io), columnsForData(undefined));
  return Array.from({ length: rows }, (_, i) => Array.from(data.subarray(i * cols, (i + 1) * cols)));
}

/** --weights-init: k numbers in one row or one column. */
async function readWeights(path: string, values: StartValues, io: CliIO): Promise<number[]> {
  const rows = await readNumbers(path, values, io);
  if (rows.length > 1 && rows[0]!.length > 1) {
    throw new InputError(`${path}: --weights-init expects one row or one column of weights, received ${rows.length} × ${rows[0]!.length}`);
  }
  return rows.flat();
}

export async function startOptions(values: StartValues, featureNames: string[], io: CliIO): Promise<FitOptions> {
  const meansInit = values.meansInit === undefined ? undefined : await readNumbers(values.meansInit, values, io);
  const warmStart = values.warmStart === undefined ? undefined : await readModel(values.warmStart);
  // -k defaults to the rows of --means-init, then to the warm-start model, then to core's default.
  const nComponents = values.components ?? (warmStart ? undefined : meansInit?.length);
  // An explicit --covariance must agree with a warm-start model (core checks that); otherwise full.
  const covarianceType = values.covariance ?? (warmStart ? undefined : 'full');
  return {
    ...(nComponents !== undefined && { nComponents }),
    ...(covarianceType && { covarianceType }),
    ...emOptions(values),
    featureNames,
    ...(meansInit && { meansInit }),
    ...(values.weightsInit !== undefined && { weightsInit: await readWeights(values.weightsInit, values, io) }),
    ...(warmStart && { warmStart }),
    ...(values.threads !== undefined && { threads: values.threads }),
    ...(values.float32 && { dtype: 'float32' as const }),
  };
}
