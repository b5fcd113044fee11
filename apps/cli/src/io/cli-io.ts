import type { Readable, Writable } from 'node:stream';

/** The process streams a command runs against; tests pass captured streams instead of the real ones. */
export interface CliIO {
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly stdin: Readable;
  /** Progress bars are drawn only on a terminal. */
  readonly stderrIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    stderrIsTTY: process.stderr.isTTY === true,
    env: process.env,
  };
}
