/** Entry point: runs the program and is the only place that sets the process exit code. */
import { handleError } from './errors.js';
import { processIO, type CliIO } from './io/cli-io.js';
import { createProgram } from './program.js';

/** Runs `gmm` with user arguments (without node and script) and returns the exit code. */
export async function run(args: readonly string[], io: CliIO): Promise<number> {
  try {
    await createProgram(io).parseAsync([...args], { from: 'user' });
    return 0;
  } catch (error) {
    return handleError(error, io);
  }
}

export async function main(): Promise<void> {
  // exitCode rather than exit(): lets piped stdout drain before the process ends.
  process.exitCode = await run(process.argv.slice(2), processIO());
}
