import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

/** A seeded random stream; every random choice of a fit or a sample draws from one of these, in order. */
export class Random {
  private spareNormal: number | undefined;

  private constructor(private readonly generator: JumpableRandomGenerator) {}

  static fromSeed(seed: number): Random {
    return new Random(xoroshiro128plus(seed));
  }

  /** An independent copy at the current position: it replays exactly what this stream would draw next. */
  clone(): Random {
    const copy = new Random(this.generator.clone());
    copy.spareNormal = this.spareNormal;
    return copy;
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return uniformFloat64(this.generator);
  }

  /** Uniform integer in [from, to], both included. */
  integer(from: number, to: number): number {
    return uniformInt(this.generator, from, to);
  }

  /** Standard normal by the Box–Muller transform (two uniforms give two normals; the second is kept). */
  normal(): number {
    if (this.spareNormal !== undefined) {
      const value = this.spareNormal;
      this.spareNormal = undefined;
      return value;
    }
    // 1 − u lies in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - this.uniform()));
    const angle = 2 * Math.PI * this.uniform();
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }
}
