/**
 * The temporary binary copy of the data behind `gmm fit --chunk-rows`: the CSV is parsed once into a file of f64
 * rows, which every later pass reads back in blocks of a fixed number of rows through one reused buffer. The file
 * is removed when the work ends, when it throws, and on SIGINT / SIGTERM.
 */
import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { open, unlink, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { RowBlock, RowSource } from '@gmm/core';
import { fileError } from '../errors.js';
import type { CsvBatch } from './read-csv.js';

const BYTES_PER_VALUE = Float64Array.BYTES_PER_ELEMENT;
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** What the first pass learnt about the data. */
export interface ChunkFileShape {
  readonly rows: number;
  readonly cols: number;
  readonly names: string[];
}

/** Where the temporary file goes: next to the model file (-o) when there is one, else the OS temp directory. */
export function chunkFilePath(output: string | undefined): string {
  return join(output === undefined ? tmpdir() : dirname(output), `.gmm-chunks-${process.pid}-${randomBytes(6).toString('hex')}.f64`);
}

/**
 * Writes every batch's values to the file as they arrive. The bytes are in the machine's own order: the file is
 * read back only by this process.
 */
async function writeBatches(file: FileHandle, path: string, batches: AsyncIterable<CsvBatch>): Promise<ChunkFileShape> {
  let rows = 0;
  let last: CsvBatch | undefined;
  for await (const batch of batches) {
    try {
      await file.write(new Uint8Array(batch.data.buffer, batch.data.byteOffset, batch.data.byteLength));
    } catch (error) {
      throw fileError('write', path, error);
    }
    rows += batch.rows;
    last = batch;
  }
  // The CSV reader throws on a source without rows, so there was a last batch.
  return { rows, cols: last!.cols, names: last!.columns.names };
}

/** A RowSource over the file: each pass reads it from the start, `chunkRows` rows at a time into one buffer. */
function fileSource(file: FileHandle, path: string, shape: ChunkFileShape, chunkRows: number): RowSource {
  const blockRows = Math.min(chunkRows, shape.rows);
  const bytes = new Uint8Array(blockRows * shape.cols * BYTES_PER_VALUE);
  const values = new Float64Array(bytes.buffer);
  return async function* pass(): AsyncGenerator<RowBlock> {
    for (let row = 0; row < shape.rows; row += blockRows) {
      const rows = Math.min(blockRows, shape.rows - row);
      const length = rows * shape.cols * BYTES_PER_VALUE;
      let filled = 0;
      while (filled < length) {
        const position = row * shape.cols * BYTES_PER_VALUE + filled;
        const { bytesRead } = await file.read(bytes, filled, length - filled, position).catch((error: unknown) => {
          throw fileError('read', path, error);
        });
        if (bytesRead === 0) throw fileError('read', path, new Error(`the file ended after ${position} bytes`));
        filled += bytesRead;
      }
      yield { data: values.subarray(0, rows * shape.cols), rows, cols: shape.cols };
    }
  };
}

/** Removes the file, then ends the process by the signal's own default action. */
function removeOnSignal(path: string): () => void {
  const handlers = SIGNALS.map((signal) => {
    const handler = () => {
      try {
        unlinkSync(path);
      } catch {
        // already gone
      }
      uninstall();
      process.kill(process.pid, signal);
    };
    process.once(signal, handler);
    return [signal, handler] as const;
  });
  function uninstall(): void {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  }
  return uninstall;
}

/**
 * Parses `batches` into a new temporary file at `path`, then runs `work` with a RowSource of `chunkRows`-row blocks
 * over it; the file is removed however `work` ends.
 */
export async function withChunkFile<T>(
  path: string,
  batches: AsyncIterable<CsvBatch>,
  chunkRows: number,
  work: (source: RowSource, shape: ChunkFileShape, loadSeconds: number) => Promise<T>,
): Promise<T> {
  const file = await open(path, 'wx+').catch((error: unknown) => {
    throw fileError('write', path, error);
  });
  const uninstall = removeOnSignal(path);
  try {
    const start = performance.now();
    const shape = await writeBatches(file, path, batches);
    const loadSeconds = (performance.now() - start) / 1000;
    return await work(fileSource(file, path, shape, chunkRows), shape, loadSeconds);
  } finally {
    await file.close().catch(() => undefined);
    await unlink(path).catch(() => undefined);
    uninstall();
  }
}
