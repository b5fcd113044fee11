// Benchmark data sets, generated once with syntheticMixture and kept in bench/data/ as raw little-endian
// float64 (row-major) next to a JSON description, so that Python reads the very same numbers with
// numpy.fromfile. A data set is regenerated when its description no longer matches the requested parameters.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { generateCase } from './cases.js';

const DATA_DIR = new URL('./data/', import.meta.url);
/** Bump when the file layout or the way the data or the start are derived changes: old files are regenerated. */
const FORMAT = 1;

function describeCase({ name, n, d, k }, seed) {
  return { format: FORMAT, generator: 'syntheticMixture (defaults: separation 3, shape full)', name, n, d, k, seed };
}

function sameParameters(stored, wanted) {
  return Object.entries(wanted).every(([key, value]) => stored[key] === value);
}

function readMatrix(path, rows, cols) {
  const bytes = readFileSync(path);
  // Copy into a fresh, 8-byte-aligned buffer: a Buffer may sit at any offset of a shared pool.
  const data = new Float64Array(rows * cols);
  new Uint8Array(data.buffer).set(bytes);
  return { data, rows, cols };
}

/**
 * The data set of a case: generated on first use (or when its parameters changed), read back otherwise.
 * Returns the matrix, the fixed start (meansInit, weightsInit) and the path of the JSON description.
 */
export function loadDataset(benchCase, seed) {
  if (os.endianness() !== 'LE') throw new Error('bench data: raw float64 files are little-endian; this machine is big-endian');
  const wanted = describeCase(benchCase, seed);
  const stem = `${benchCase.name}-n${benchCase.n}-seed${seed}`;
  const dataUrl = new URL(`${stem}.f64`, DATA_DIR);
  const metaUrl = new URL(`${stem}.json`, DATA_DIR);
  const bytes = benchCase.n * benchCase.d * Float64Array.BYTES_PER_ELEMENT;

  if (existsSync(metaUrl) && existsSync(dataUrl) && statSync(dataUrl).size === bytes) {
    const meta = JSON.parse(readFileSync(metaUrl, 'utf8'));
    if (sameParameters(meta, wanted)) {
      const X = readMatrix(dataUrl, benchCase.n, benchCase.d);
      return { X, start: { meansInit: meta.meansInit, weightsInit: meta.weightsInit }, metaPath: fileURLToPath(metaUrl) };
    }
  }

  const { X, start } = generateCase(benchCase, seed);
  const { data } = X;
  mkdirSync(DATA_DIR, { recursive: true });
  writeFileSync(dataUrl, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  // JSON numbers round-trip float64 exactly (shortest representation), so Python starts from the same bits.
  const meta = { ...wanted, file: `${stem}.f64`, dtype: '<f8', layout: 'row-major n×d', ...start, precisionsInit: 'identity' };
  writeFileSync(metaUrl, `${JSON.stringify(meta)}\n`);
  return { X, start, metaPath: fileURLToPath(metaUrl) };
}
