/** A seeded uniform sample of a stream of rows (Vitter's algorithm R), for the initialisation of a chunked fit. */
import type { Matrix } from '../data.js';
import type { Random } from '../random.js';
import type { StreamedBlock } from './source.js';

export class Reservoir {
  readonly #capacityFor: (cols: number) => number;
  readonly #rng: Random;
  #capacity = 0;
  #data: Float64Array | undefined;
  #cols = 0;
  /** Rows seen so far. */
  #seen = 0;

  /** `capacityFor`: the number of rows to keep, given the width of the rows (known from the first block). */
  constructor(capacityFor: (cols: number) => number, rng: Random) {
    this.#capacityFor = capacityFor;
    this.#rng = rng;
  }

  /** Offers every row of the block: the first `capacity` rows are kept in order, row t ≥ capacity replaces a kept one with probability capacity/(t+1). */
  add(block: StreamedBlock): void {
    const d = block.cols;
    if (!this.#data) {
      this.#cols = d;
      this.#capacity = this.#capacityFor(d);
      this.#data = new Float64Array(this.#capacity * d);
    }
    for (let i = 0; i < block.rows; i++, this.#seen++) {
      const slot = this.#seen < this.#capacity ? this.#seen : this.#rng.integer(0, this.#seen);
      if (slot < this.#capacity) this.#data.set(block.data.subarray(i * d, (i + 1) * d), slot * d);
    }
  }

  get seen(): number {
    return this.#seen;
  }

  /** The sampled rows (all of them when the stream had no more than `capacity`). */
  sample(): Matrix {
    const rows = Math.min(this.#seen, this.#capacity);
    return { data: this.#data!.subarray(0, rows * this.#cols), rows, cols: this.#cols };
  }
}
