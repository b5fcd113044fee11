/** Row sources for the chunked-fit tests: a matrix cut into blocks, counting how often it is streamed. */
import type { ChunkedFitOptions, FitOptions, RowBlock, RowSource } from '../../src/index.js';
import type { Flat } from './helpers.js';

/** Blocks of X whose sizes cycle through `sizes` (the last block takes what is left). */
export function blocksOf(X: Flat, sizes: readonly number[]): RowBlock[] {
  const blocks: RowBlock[] = [];
  for (let start = 0, b = 0; start < X.rows; b++) {
    const rows = Math.min(sizes[b % sizes.length]!, X.rows - start);
    blocks.push({ data: X.data.slice(start * X.cols, (start + rows) * X.cols), rows, cols: X.cols });
    start += rows;
  }
  return blocks;
}

/** A source over fixed blocks (async, as a file reader would be), with the number of passes it served. */
export function countingSource(blocks: readonly RowBlock[]): RowSource & { passes: number } {
  const source = Object.assign(
    async function* () {
      source.passes++;
      for (const block of blocks) yield block;
    },
    { passes: 0 },
  );
  return source;
}

/** fit's options as fitChunked takes them (fitChunked always uses onDegenerate 'error'). */
export function chunkedOptions(options: FitOptions): ChunkedFitOptions {
  return { ...options, onDegenerate: 'error' };
}
