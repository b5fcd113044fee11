// The reference kernel is the oracle of the WASM kernel, so it is checked here against closed forms.
import { describe, expect, it } from 'vitest';
import { createStats, LOG_2PI, packedIndex } from '../src/layout.js';
import { referenceKernel } from '../src/reference.js';
import type { CovarianceKind, KernelParams } from '../src/types.js';

/** log N(x; μ, Σ) for 2×2 Σ, from the explicit inverse and determinant. */
function logNormal2(x: number[], mu: number[], cov: number[][]): number {
  const [[a, b], [, d]] = cov as [[number, number], [number, number]];
  const det = a * d - b * b;
  const dx = x[0]! - mu[0]!;
  const dy = x[1]! - mu[1]!;
  const quad = (d * dx * dx - 2 * b * dx * dy + a * dy * dy) / det;
  return -0.5 * (2 * LOG_2PI + Math.log(det) + quad);
}

/** Upper U with U Uᵀ = Σ⁻¹ for 2×2 Σ = L Lᵀ: U = (L⁻¹)ᵀ, packed as [U00, U01, U11]. */
function precChol2(cov: number[][]): number[] {
  const l00 = Math.sqrt(cov[0]![0]!);
  const l10 = cov[1]![0]! / l00;
  const l11 = Math.sqrt(cov[1]![1]! - l10 * l10);
  return [1 / l00, -l10 / (l00 * l11), 1 / l11];
}

const X = [
  [0.3, -1.2],
  [2.5, 0.7],
  [-1.1, 0.4],
  [4.0, 3.3],
  [1.0, 1.0],
];
const data = Float64Array.from(X.flat());
const means = [
  [0, 0],
  [3, 2],
];
const covs = [
  [
    [2, 0.5],
    [0.5, 1],
  ],
  [
    [1, -0.3],
    [-0.3, 0.5],
  ],
];
const weights = [0.4, 0.6];

function fullParams(): KernelParams {
  const precChol = Float64Array.from(covs.flatMap(precChol2));
  const logConst = Float64Array.from(
    weights.map((w, j) => Math.log(w) + Math.log(precChol[3 * j]!) + Math.log(precChol[3 * j + 2]!) - LOG_2PI),
  );
  return { means: Float64Array.from(means.flat()), precChol, logConst };
}

function expectedResponsibilities(): { logDensity: number[]; resp: number[][] } {
  const weighted = X.map((x) => weights.map((w, j) => w * Math.exp(logNormal2(x, means[j]!, covs[j]!))));
  return {
    logDensity: weighted.map((row) => Math.log(row[0]! + row[1]!)),
    resp: weighted.map((row) => row.map((v) => v / (row[0]! + row[1]!))),
  };
}

describe('reference kernel against closed forms (full, k = 2, d = 2)', () => {
  const session = referenceKernel.createSession(data, 5, 2, { kind: 'full', k: 2 });
  const { logDensity, resp } = expectedResponsibilities();

  it('scoreRows gives log p(x) and log r', () => {
    const outDensity = new Float64Array(5);
    const outResp = new Float64Array(10);
    session.scoreRows(fullParams(), 0, 5, outDensity, outResp);
    X.forEach((_, i) => {
      expect(outDensity[i]).toBeCloseTo(logDensity[i]!, 12);
      expect(Math.exp(outResp[2 * i]!)).toBeCloseTo(resp[i]![0]!, 12);
      expect(Math.exp(outResp[2 * i + 1]!)).toBeCloseTo(resp[i]![1]!, 12);
    });
  });

  it('eStep gives Σ log p and the statistics shifted by the means', () => {
    const stats = createStats('full', 2, 2);
    stats.N.fill(99); // eStep overwrites, it does not accumulate
    const total = session.eStep(fullParams(), 1, 4, stats);
    expect(total).toBeCloseTo(logDensity[1]! + logDensity[2]! + logDensity[3]!, 12);
    for (let j = 0; j < 2; j++) {
      let n = 0;
      const s = [0, 0];
      const q = [0, 0, 0];
      for (let i = 1; i < 4; i++) {
        const r = resp[i]![j]!;
        const dx = [X[i]![0]! - means[j]![0]!, X[i]![1]! - means[j]![1]!];
        n += r;
        s[0]! += r * dx[0]!;
        s[1]! += r * dx[1]!;
        q[packedIndex(0, 0, 2)]! += r * dx[0]! * dx[0]!;
        q[packedIndex(0, 1, 2)]! += r * dx[0]! * dx[1]!;
        q[packedIndex(1, 1, 2)]! += r * dx[1]! * dx[1]!;
      }
      expect(stats.N[j]).toBeCloseTo(n, 12);
      expect(Array.from(stats.S.subarray(2 * j, 2 * j + 2))).toEqual(s.map((v) => expect.closeTo(v, 12)));
      expect(Array.from(stats.Q.subarray(3 * j, 3 * j + 3))).toEqual(q.map((v) => expect.closeTo(v, 12)));
    }
  });
});

describe('reference kernel: the four kinds agree where their models coincide', () => {
  // Diagonal covariances written as full, tied, diag and spherical must give the same densities.
  const variances = [
    [0.8, 0.8],
    [0.8, 0.8],
  ];
  const u = 1 / Math.sqrt(0.8);
  const layouts: Record<CovarianceKind, number[]> = {
    full: [u, 0, u, u, 0, u],
    tied: [u, 0, u],
    diag: [u, u, u, u],
    spherical: [u, u],
  };
  const logConst = Float64Array.from(weights.map((w) => Math.log(w) + 2 * Math.log(u) - LOG_2PI));

  it.each(Object.keys(layouts) as CovarianceKind[])('%s', (kind) => {
    const session = referenceKernel.createSession(data, 5, 2, { kind, k: 2 });
    const out = new Float64Array(5);
    session.scoreRows({ means: Float64Array.from(means.flat()), precChol: Float64Array.from(layouts[kind]), logConst }, 0, 5, out, null);
    X.forEach((x, i) => {
      const expected = Math.log(
        weights[0]! * Math.exp(logNormal2(x, means[0]!, [[variances[0]![0]!, 0], [0, variances[0]![1]!]])) +
          weights[1]! * Math.exp(logNormal2(x, means[1]!, [[variances[1]![0]!, 0], [0, variances[1]![1]!]])),
      );
      expect(out[i]).toBeCloseTo(expected, 12);
    });
  });
});

describe('session input checks', () => {
  it('names the bad argument', () => {
    expect(() => referenceKernel.createSession(new Float64Array(3), 2, 2, { kind: 'full', k: 1 })).toThrow(/data holds 3 values/);
    expect(() => referenceKernel.createSession(data, 5, 2, { kind: 'full', k: 0 })).toThrow(/k must be an integer >= 1, got 0/);
    const session = referenceKernel.createSession(data, 5, 2, { kind: 'diag', k: 1 });
    expect(() => session.scoreRows(fullParams(), 3, 6, null, null)).toThrow(/row range \[3, 6\) is not within \[0, 5\)/);
  });
});
