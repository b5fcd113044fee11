/** Plain-text formatting of numbers, tables and model parameters for the human-readable outputs. */
import type { GaussianMixture } from '@gmm/core';

/** Six significant digits, no exponent for ordinary magnitudes. */
export function num(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e9)) return value.toExponential(5);
  return String(Number(value.toPrecision(6)));
}

/** A duration for people: milliseconds below a second, seconds above. */
export function duration(seconds: number): string {
  return seconds < 1 ? `${Number((seconds * 1000).toPrecision(3))} ms` : `${Number(seconds.toPrecision(3))} s`;
}

/** Left-aligned columns separated by two spaces. */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

function matrixLines(matrix: number[][], names: readonly string[], indent: string): string[] {
  return table([['', ...names], ...matrix.map((row, i) => [names[i]!, ...row.map(num)])])
    .split('\n')
    .map((line) => indent + line);
}

/** Weights and means as a table, then the covariances in the shape of the covariance type. */
export function describeParameters(model: GaussianMixture, names: readonly string[]): string[] {
  const lines = table([
    ['component', 'weight', ...names.map((name) => `mean ${name}`)],
    ...model.means.map((mean, j) => [String(j), num(model.weights[j]!), ...mean.map(num)]),
  ]).split('\n');
  const covariances = model.covariances;
  switch (model.covarianceType) {
    case 'full':
      (covariances as number[][][]).forEach((matrix, j) => {
        lines.push(`covariance of component ${j}:`, ...matrixLines(matrix, names, '  '));
      });
      break;
    case 'tied':
      lines.push('covariance (shared by all components):', ...matrixLines(covariances as number[][], names, '  '));
      break;
    case 'diag':
      lines.push(
        'variances (diagonal covariances):',
        ...table([['component', ...names], ...(covariances as number[][]).map((row, j) => [String(j), ...row.map(num)])])
          .split('\n')
          .map((line) => `  ${line}`),
      );
      break;
    case 'spherical':
      lines.push(
        'variance (spherical covariances, the same in every direction):',
        ...(covariances as number[]).map((variance, j) => `  component ${j}: ${num(variance)}`),
      );
      break;
    default: {
      const unknown: never = model.covarianceType;
      throw new Error(`unknown covariance type ${String(unknown)}`);
    }
  }
  return lines;
}
