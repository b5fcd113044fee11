/** CSV text of a fit's output: hard labels or the full responsibility matrix, one line per data row. */

export function labelsCsv(responsibilities: Float64Array, rows: number, k: number): string {
  const lines = ['label'];
  for (let i = 0; i < rows; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (responsibilities[i * k + j]! > responsibilities[i * k + best]!) best = j;
    lines.push(String(best));
  }
  return `${lines.join('\n')}\n`;
}

export function responsibilitiesCsv(responsibilities: Float64Array, rows: number, k: number): string {
  const lines = [Array.from({ length: k }, (_, j) => `component_${j}`).join(',')];
  for (let i = 0; i < rows; i++) {
    lines.push(Array.from(responsibilities.subarray(i * k, (i + 1) * k), String).join(','));
  }
  return `${lines.join('\n')}\n`;
}
