/** A progress bar on stderr for long work: only on a terminal, never with --quiet or --json. */
import cliProgress from 'cli-progress';
import type { CliIO } from './io/cli-io.js';

export interface Progress {
  update(done: number, total: number, label: string): void;
  stop(): void;
}

const SILENT: Progress = { update: () => undefined, stop: () => undefined };

export interface ProgressOptions {
  readonly quiet?: boolean;
  readonly json?: boolean;
  /** Show the bar only once the work has lasted this long (short fits stay quiet). */
  readonly delayMs: number;
}

export function createProgress(io: CliIO, options: ProgressOptions): Progress {
  if (!io.stderrIsTTY || options.quiet || options.json) return SILENT;
  const started = performance.now();
  let bar: cliProgress.SingleBar | undefined;
  return {
    update(done, total, label) {
      if (bar === undefined) {
        if (performance.now() - started < options.delayMs) return;
        bar = new cliProgress.SingleBar(
          { stream: io.stderr, format: '{bar} {value}/{total} {label}', hideCursor: true, clearOnComplete: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, done, { label });
      }
      bar.setTotal(total);
      bar.update(done, { label });
    },
    stop() {
      bar?.stop();
    },
  };
}
