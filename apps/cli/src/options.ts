/** Option definitions shared by the commands, and the parsers that validate option values at the edge. */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { COVARIANCE_TYPES, INIT_PARAMS, type CovarianceType } from '@gmm/core';
import { DATASET_NAMES } from '@gmm/datasets';
import { parseColumnSpec } from './io/columns.js';

function wrap<T>(parse: (value: string) => T): (value: string) => T {
  return (value) => {
    try {
      return parse(value);
    } catch (error) {
      throw new InvalidArgumentError((error as Error).message);
    }
  };
}

const INTEGER = /^[+-]?\d+$/;

export const positiveInteger = wrap((value) => {
  const n = Number(value);
  if (!INTEGER.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) throw new Error('expected an integer >= 1');
  return n;
});

export const seedValue = wrap((value) => {
  const n = Number(value);
  if (!INTEGER.test(value.trim()) || n < 0 || n > 0xffffffff) throw new Error('expected an integer between 0 and 4294967295');
  return n;
});

export const nonNegativeNumber = wrap((value) => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new Error('expected a finite number >= 0');
  return n;
});

/** "1..9", "2,3,5", "1..3,6": sorted, without duplicates. */
export const componentCounts = wrap((value) => {
  const counts = new Set<number>();
  for (const part of value.split(',').map((item) => item.trim())) {
    const range = /^(\d+)\s*(?:\.\.|-)\s*(\d+)$/.exec(part);
    const [from, to] = range ? [Number(range[1]), Number(range[2])] : [Number(part), Number(part)];
    if (!(range || /^\d+$/.test(part)) || from < 1 || to < from) {
      throw new Error(`expected component counts >= 1 as a range (1..9) or a list (1,2,5), "${part}" is not one`);
    }
    for (let k = from; k <= to; k++) counts.add(k);
  }
  return [...counts].sort((a, b) => a - b);
});

/** "all" or a comma-separated list of covariance types. */
export const covarianceTypes = wrap((value): CovarianceType[] => {
  if (value.trim() === 'all') return [...COVARIANCE_TYPES];
  return value.split(',').map((item) => {
    const type = item.trim();
    if (!COVARIANCE_TYPES.includes(type as CovarianceType)) {
      throw new Error(`"${type}" is not a covariance type: expected all or a list of ${COVARIANCE_TYPES.join(', ')}`);
    }
    return type as CovarianceType;
  });
});

const DELIMITER_NAMES: Record<string, string> = { ',': ',', comma: ',', '\t': '\t', '\\t': '\t', tab: '\t', ';': ';', semicolon: ';' };

export const delimiter = wrap((value) => {
  const resolved = DELIMITER_NAMES[value];
  if (resolved === undefined) throw new Error("expected one of ',' (comma), tab ('\\t') or ';' (semicolon)");
  return resolved;
});

export const columnSpec = wrap(parseColumnSpec);

/** --dataset, --delimiter, --header/--no-header, --columns: for every command that reads data. */
export function addDataOptions(command: Command): Command {
  return command
    .addOption(new Option('--dataset <name>', 'use a built-in data set instead of a file').choices(DATASET_NAMES))
    .option('--delimiter <char>', "field delimiter: ',' tab or ';' (default: detected)", delimiter)
    .option('--header', 'the first row is a header (default: detected)')
    .option('--no-header', 'the first row is data')
    .option('--columns <list>', 'columns to use: header names or 1-based indices, comma-separated', columnSpec);
}

/** The EM options shared by fit and select (kebab-case versions of core's FitOptions). */
export function addEmOptions(command: Command, defaults: { tol: string; maxIter: string }): Command {
  return command
    .addOption(new Option('--init <method>', 'initialisation').choices(INIT_PARAMS).default('kmeans'))
    .option('--n-init <count>', 'initialisations to run; the best is kept', positiveInteger, 1)
    .option('--seed <seed>', 'random seed (integer)', seedValue, 0)
    .option('--tol <tol>', 'convergence threshold on the mean log-likelihood', nonNegativeNumber, Number(defaults.tol))
    .option('--max-iter <count>', 'EM iterations per initialisation at most', positiveInteger, Number(defaults.maxIter))
    .option('--reg-covar <value>', 'added to the covariance diagonals', nonNegativeNumber, 1e-6);
}

/** --float32, for the commands that run EM (core's `dtype: 'float32'`). */
export function float32Option(): Option {
  return new Option(
    '--float32',
    'hold the data as float32 and run the E-step on four rows per SIMD vector (half the memory, about twice the speed; log-likelihood within 1e-5 relative of float64)',
  );
}

/** --threads, for the commands that run EM (core's `threads`: validated here, at the edge). */
export function threadsOption(): Option {
  return new Option(
    '--threads <n>',
    'threads of the E-step, workers sharing the data in memory (default: the cores, at most one per 8192 rows; 1: no worker)',
  ).argParser(positiveInteger);
}

export function addOutputModeOptions(command: Command): Command {
  return command.option('--json', 'print one JSON object instead of text').option('-q, --quiet', 'no progress bar');
}

/** The options every data-reading command receives. */
export interface DataOptionValues {
  dataset?: (typeof DATASET_NAMES)[number];
  delimiter?: string;
  header?: boolean;
  columns?: (string | number)[];
}

export interface EmOptionValues {
  init: (typeof INIT_PARAMS)[number];
  nInit: number;
  seed: number;
  tol: number;
  maxIter: number;
  regCovar: number;
}

/** The EM settings every fitting command shares, as core's option names. */
export function emOptions(values: EmOptionValues) {
  const { init: initParams, nInit, seed, tol, maxIter, regCovar } = values;
  return { initParams, nInit, seed, tol, maxIter, regCovar };
}

export interface OutputModeValues {
  json?: boolean;
  quiet?: boolean;
}
