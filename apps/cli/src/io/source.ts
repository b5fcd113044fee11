/** Where data comes from: a CSV file, stdin (`-`), or a built-in data set (--dataset). */
import { createReadStream } from 'node:fs';
import { loadDataset, type DatasetName } from '@gmm/datasets';
import { fileError, UsageError } from '../errors.js';
import type { CliIO } from './cli-io.js';
import type { ColumnResolver, ColumnSpec } from './columns.js';
import { collectBatches, readCsvBatches, type CsvBatch, type CsvMatrix, type CsvOptions } from './read-csv.js';

/** The data options every data-reading command takes. */
export interface DataOptions extends CsvOptions {
  readonly dataset?: DatasetName;
  readonly columns?: ColumnSpec;
}

export interface DataSource {
  /** How messages name the source: the path, "<stdin>" or "data set faithful". */
  readonly label: string;
  batches(resolve: ColumnResolver): AsyncGenerator<CsvBatch>;
}

/** The file's text; open and read errors become one-line InputErrors naming the path. */
async function* fileChunks(path: string): AsyncGenerator<Buffer> {
  try {
    yield* createReadStream(path, { highWaterMark: 1 << 16 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code) throw fileError('read', path, error);
    throw error;
  }
}

async function* datasetBatches(name: DatasetName, label: string, resolve: ColumnResolver): AsyncGenerator<CsvBatch> {
  const set = loadDataset(name);
  const columns = resolve(set.columns, set.cols, label);
  const cols = columns.indices.length;
  const data = new Float64Array(set.rows * cols);
  for (let row = 0; row < set.rows; row++) {
    for (let c = 0; c < cols; c++) data[row * cols + c] = set.data[row * set.cols + columns.indices[c]!]!;
  }
  yield { data, rows: set.rows, cols, columns };
}

/** Exactly one of a file argument (`-` for stdin) and --dataset. */
export function openSource(file: string | undefined, options: DataOptions, io: CliIO): DataSource {
  if (file !== undefined && options.dataset !== undefined) {
    throw new UsageError(`give either a data file or --dataset, not both (received '${file}' and --dataset ${options.dataset})`);
  }
  if (options.dataset !== undefined) {
    const name = options.dataset;
    const label = `data set ${name}`;
    return { label, batches: (resolve) => datasetBatches(name, label, resolve) };
  }
  if (file === undefined) throw new UsageError("missing data: give a CSV file, '-' for stdin, or --dataset <name>");
  if (file === '-') return { label: '<stdin>', batches: (resolve) => readCsvBatches(io.stdin, '<stdin>', options, resolve) };
  return { label: file, batches: (resolve) => readCsvBatches(fileChunks(file), file, options, resolve) };
}

/** A whole source as one matrix, with the time it took in seconds. */
export async function loadMatrix(source: DataSource, resolve: ColumnResolver): Promise<CsvMatrix & { seconds: number }> {
  const start = performance.now();
  const matrix = await collectBatches(source.batches(resolve));
  return { ...matrix, seconds: (performance.now() - start) / 1000 };
}
