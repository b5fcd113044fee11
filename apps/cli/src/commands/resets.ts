/** Degenerate components the fit re-seeded or dropped (core's model.resets), as warning lines on stderr. */
import { describeReset, type Reset } from '@gmm/core';
import { Option } from 'commander';
import type { CliIO } from '../io/cli-io.js';

/** --on-degenerate: core's onDegenerate. */
export function onDegenerateOption(): Option {
  return new Option('--on-degenerate <mode>', 'a collapsed or ill-defined component: re-seed or drop it, or fail as scikit-learn')
    .choices(['recover', 'error'])
    .default('recover');
}

/** "warning: component 2 collapsed at iteration 14 and was re-seeded at row 37" per reset, unless --quiet. */
export function warnResets(io: CliIO, resets: readonly Reset[], quiet: boolean | undefined): void {
  if (quiet) return;
  for (const reset of resets) io.stderr.write(`warning: ${describeReset(reset)}\n`);
}
