/** @gmm/cli as a library: the program, for embedding and tests. */
export type { CliIO } from './io/cli-io.js';
export { run } from './main.js';
export { createProgram } from './program.js';
