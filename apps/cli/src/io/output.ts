/** Output to stdout or to a file written atomically: a temporary file in the same directory, renamed at the end. */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { fileError, InputError, OutputClosedError } from '../errors.js';
import type { CliIO } from './cli-io.js';

export interface Output {
  /** Resolves when the stream can take more (backpressure). */
  write(text: string): Promise<void>;
}

/**
 * Writes to a stream with backpressure. Stream errors can arrive after a write returned (a closed pipe,
 * a full disk): a permanent listener records them and the next write or the end throws them.
 */
class StreamWriter implements Output {
  #failure: unknown;

  constructor(
    readonly stream: Writable,
    private readonly describeError: (error: unknown) => Error,
  ) {
    stream.on('error', (error) => {
      this.#failure ??= error;
    });
  }

  async write(text: string): Promise<void> {
    this.check();
    if (!this.stream.write(text)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.stream.off('drain', done).off('error', done).off('close', done);
          resolve();
        };
        this.stream.once('drain', done).once('error', done).once('close', done);
      });
    }
    this.check();
  }

  check(): void {
    if (this.#failure !== undefined) throw this.describeError(this.#failure);
  }
}

function stdoutWriter(stream: Writable): StreamWriter {
  return new StreamWriter(stream, (error) =>
    (error as NodeJS.ErrnoException).code === 'EPIPE' ? new OutputClosedError('output closed') : (error as Error),
  );
}

class AtomicFileOutput implements Output {
  readonly #writer: StreamWriter;

  private constructor(
    private readonly path: string,
    /** undefined for a device or pipe, written directly. */
    private readonly temporary: string | undefined,
    private readonly stream: WriteStream,
  ) {
    this.#writer = new StreamWriter(stream, (error) => fileError('write', path, error));
  }

  /** Creates the temporary file now, so a path that cannot be written fails before any work. */
  static async open(path: string): Promise<AtomicFileOutput> {
    const existing = await stat(path).catch(() => undefined);
    if (existing?.isDirectory()) throw new InputError(`cannot write '${path}': is a directory`);
    // A device or pipe (/dev/null, /dev/stdout, a FIFO) must never be replaced by a rename: write to it directly.
    const temporary =
      existing && !existing.isFile() ? undefined : join(dirname(path), `.${basename(path)}.${process.pid}-${Date.now()}.tmp`);
    const stream = createWriteStream(temporary ?? path, { flags: temporary ? 'wx' : 'w' });
    try {
      await once(stream, 'open');
    } catch (error) {
      throw fileError('write', path, error);
    }
    return new AtomicFileOutput(path, temporary, stream);
  }

  write(text: string): Promise<void> {
    return this.#writer.write(text);
  }

  async commit(): Promise<void> {
    try {
      this.stream.end();
      await finished(this.stream);
      this.#writer.check();
      if (this.temporary) await rename(this.temporary, this.path);
    } catch (error) {
      await this.discard();
      throw error instanceof InputError ? error : fileError('write', this.path, error);
    }
  }

  async discard(): Promise<void> {
    this.stream.destroy();
    if (this.temporary) await unlink(this.temporary).catch(() => undefined);
  }
}

/**
 * Runs `produce` against stdout (no path) or an atomically written file: the file appears complete
 * when `produce` succeeds and not at all when it throws.
 */
export async function withOutput<T>(path: string | undefined, io: CliIO, produce: (output: Output) => Promise<T>): Promise<T> {
  return withFile(path, (file) => produce(file ?? stdoutWriter(io.stdout)));
}

/**
 * Like withOutput for a file that is optional and separate from stdout (fit/select -o): the file is created
 * before the work starts and renamed into place only if `produce` succeeds.
 */
export async function withFile<T>(path: string | undefined, produce: (file: Output | undefined) => Promise<T>): Promise<T> {
  if (path === undefined) return produce(undefined);
  const file = await AtomicFileOutput.open(path);
  let result: T;
  try {
    result = await produce(file);
  } catch (error) {
    await file.discard();
    throw error;
  }
  await file.commit();
  return result;
}

/** Writes a line to stdout (summaries, JSON). */
export function printTo(io: CliIO): (text: string) => Promise<void> {
  const output = stdoutWriter(io.stdout);
  return (text) => output.write(text);
}
