/** Runs the program in-process with captured streams. */
import { Readable, Writable } from 'node:stream';
import type { CliIO } from '../src/io/cli-io.js';
import { run } from '../src/main.js';

export class Capture extends Writable {
  readonly chunks: string[] = [];
  isTTY = false;

  override _write(chunk: Buffer | string, _encoding: string, callback: () => void): void {
    this.chunks.push(chunk.toString());
    callback();
  }

  get text(): string {
    return this.chunks.join('');
  }
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function gmm(args: string[], options: { stdin?: string; stderrIsTTY?: boolean } = {}): Promise<RunResult> {
  const stdout = new Capture();
  const stderr = new Capture();
  stderr.isTTY = options.stderrIsTTY ?? false;
  const io: CliIO = {
    stdout,
    stderr,
    stdin: Readable.from([options.stdin ?? '']),
    stderrIsTTY: options.stderrIsTTY ?? false,
    env: {},
  };
  const code = await run(args, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}
