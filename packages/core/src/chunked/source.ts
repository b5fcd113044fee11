/** The row blocks of a chunked fit, validated as they stream past. */
import { DataError, describe } from '../errors.js';

/** A block of consecutive rows, row-major (`data` holds exactly rows × cols values). */
export interface RowBlock {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

/**
 * The data of a chunked fit: called once per pass over the data, it returns a fresh iterable of the row blocks,
 * the same rows in the same order every time. A block may be reused by the source once the next one is
 * requested: the fit keeps no reference to it.
 */
export type RowSource = () => AsyncIterable<RowBlock> | Iterable<RowBlock>;

/** A validated block: `firstRow` is the row of the stream its row 0 is. */
export interface StreamedBlock extends RowBlock {
  readonly index: number;
  readonly firstRow: number;
}

function isCount(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min;
}

/** Checks block `index` (shape, and every value finite); `cols` is the first block's width, if known. */
function checkBlock(block: unknown, index: number, firstRow: number, cols: number | undefined): RowBlock {
  const name = `block ${index} of the source`;
  if (typeof block !== 'object' || block === null) throw new DataError(`${name} must be { data, rows, cols }, received ${describe(block)}`);
  const { data, rows, cols: width } = block as Record<string, unknown>;
  if (!(data instanceof Float64Array)) throw new DataError(`${name}: data must be a Float64Array, received ${describe(data)}`);
  if (!isCount(rows, 0)) throw new DataError(`${name}: rows must be an integer >= 0, received ${describe(rows)}`);
  if (!isCount(width, 1)) throw new DataError(`${name}: cols must be an integer >= 1, received ${describe(width)}`);
  if (cols !== undefined && width !== cols) throw new DataError(`${name} has ${width} columns, block 0 has ${cols}`);
  if (data.length !== rows * width) {
    throw new DataError(`${name}: data holds ${data.length} values, rows × cols = ${rows} × ${width} = ${rows * width}`);
  }
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      const row = Math.floor(i / width);
      const column = i % width;
      const value = Number.isNaN(data[i]) ? 'NaN' : String(data[i]);
      throw new DataError(`${name}: X[row ${row}, column ${column}] is ${value} (row ${firstRow + row} of the data)`, {
        row: firstRow + row,
        column,
      });
    }
  }
  return { data, rows, cols: width };
}

/**
 * One pass over the source: its non-empty blocks, validated. `cols` (known after the first pass) is the width
 * every block must have; `expectedRows`, the number of rows every pass must yield.
 */
export async function* streamBlocks(source: RowSource, cols?: number, expectedRows?: number): AsyncGenerator<StreamedBlock> {
  let index = 0;
  let firstRow = 0;
  let width = cols;
  for await (const raw of source()) {
    const block = checkBlock(raw, index, firstRow, width);
    width = block.cols;
    if (block.rows > 0) yield { ...block, index, firstRow };
    firstRow += block.rows;
    index++;
  }
  if (firstRow === 0) throw new DataError('the source yielded no rows');
  if (expectedRows !== undefined && firstRow !== expectedRows) {
    throw new DataError(`the source yielded ${firstRow} rows on this pass and ${expectedRows} on the first: every pass must yield the same rows`);
  }
}
