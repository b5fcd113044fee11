/** Peak resident memory of a child process, polled from Linux's /proc (0 where there is no /proc). */
import { readFileSync } from 'node:fs';

export function watchPeakRss(pid: number | undefined): { stop(): number } {
  let peak = 0;
  const poll = setInterval(() => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) peak = Math.max(peak, Number(match[1]) * 1024);
    } catch {
      // the process has just exited, or there is no /proc
    }
  }, 50);
  return {
    stop() {
      clearInterval(poll);
      return peak;
    },
  };
}
