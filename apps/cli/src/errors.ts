/** CLI error classes and the one handler that turns any error into a message and an exit code. */
import { CommanderError } from 'commander';
import { GmmError, ValidationError } from '@gmm/core';
import type { CliIO } from './io/cli-io.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** A command line that cannot be run as given (exit code 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Input that cannot be used: a file that cannot be read or written, a bad CSV cell (exit code 1). */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** The reader of our output went away (e.g. `gmm sample ... | head`): stop quietly. */
export class OutputClosedError extends Error {
  override readonly name = 'OutputClosedError';
}

const FILE_ERROR_TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent is not a directory',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
};

/** A Node file-system error as one line: "cannot read 'x.csv': no such file or directory". */
export function fileError(action: 'read' | 'write', path: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const reason = FILE_ERROR_TEXT[code] ?? (error as Error).message;
  return new InputError(`cannot ${action} '${path}': ${reason}`);
}

function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  if (error instanceof UsageError) return EXIT_USAGE;
  if (error instanceof OutputClosedError) return EXIT_OK;
  return EXIT_FAILURE;
}

/** Core's option names as the command line spells them. */
const OPTION_FLAGS: Record<string, string> = {
  nComponents: '-k/--components',
  covarianceType: '--covariance',
  tol: '--tol',
  regCovar: '--reg-covar',
  maxIter: '--max-iter',
  nInit: '--n-init',
  initParams: '--init',
  weightsInit: '--weights-init',
  meansInit: '--means-init',
  seed: '--seed',
  warmStart: '--warm-start',
  threads: '--threads',
};

function messageOf(error: unknown): string | undefined {
  // commander has already printed its own one-line message (or the help / version).
  if (error instanceof CommanderError || error instanceof OutputClosedError) return undefined;
  const flag = error instanceof ValidationError ? OPTION_FLAGS[error.parameter.replace(/\[\d+\]$/, '')] : undefined;
  if (flag) return `${flag}: ${(error as Error).message}`;
  if (error instanceof UsageError || error instanceof InputError || error instanceof GmmError) return error.message;
  return `internal error: ${error instanceof Error ? error.message : String(error)} (set GMM_DEBUG=1 for details)`;
}

/** Writes the error as one line on stderr (a stack trace only with GMM_DEBUG=1) and returns the exit code. */
export function handleError(error: unknown, io: CliIO): number {
  const message = messageOf(error);
  if (message !== undefined) io.stderr.write(`error: ${message}\n`);
  if (io.env.GMM_DEBUG === '1' && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return exitCodeOf(error);
}
