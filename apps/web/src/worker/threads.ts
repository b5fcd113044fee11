/** How many threads the E-step of a fit in the demo's worker runs on. */
import { defaultThreadCount } from '@gmm/core';

/** The E-step threads of a fit: `isolated` false means the page cannot share memory, so one thread. */
export interface FitThreads {
  count: number;
  isolated: boolean;
}

/** Core's default where memory can be shared (`isolated`), else one: the status line states the count the fit uses. */
export function fitThreads(rows: number, cores: number, isolated: boolean): FitThreads {
  return { count: isolated ? defaultThreadCount(rows, cores) : 1, isolated };
}

/** The status line's words for it. */
export function describeThreads({ count, isolated }: FitThreads): string {
  if (!isolated) return '1 thread: page not cross-origin isolated';
  return count === 1 ? '1 E-step thread' : `${count} E-step threads`;
}
