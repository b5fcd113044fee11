// bench/results/latest.json holds one section per comparison ("wasmVsReference", "sklearn", "browser"); a run
// replaces its own section and keeps the others, so every set of figures survives whichever ran last.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

const RESULTS_DIR = new URL('./results/', import.meta.url);
const LATEST = new URL('latest.json', RESULTS_DIR);
const SECTIONS = ['wasmVsReference', 'sklearn', 'browser'];

export function machine() {
  const cpus = os.cpus();
  return { cpu: cpus[0]?.model ?? 'unknown', cores: os.availableParallelism(), node: process.version, os: `${os.platform()} ${os.release()}` };
}

/** The 1, 5 and 15-minute load averages, rounded: other jobs on the machine skew every figure. */
export function loadAverage() {
  return os.loadavg().map((load) => Math.round(load * 100) / 100);
}

function previousSections() {
  if (!existsSync(LATEST)) return {};
  try {
    const previous = JSON.parse(readFileSync(LATEST, 'utf8'));
    return Object.fromEntries(SECTIONS.filter((s) => previous[s] !== undefined).map((s) => [s, previous[s]]));
  } catch {
    return {}; // an unreadable earlier file is replaced
  }
}

export function writeSection(section, report) {
  if (!SECTIONS.includes(section)) throw new Error(`results section: expected one of ${SECTIONS.join(', ')}, received "${section}"`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(LATEST, `${JSON.stringify({ ...previousSections(), [section]: report }, null, 2)}\n`);
  console.log(`wrote bench/results/latest.json (section "${section}")`);
}
