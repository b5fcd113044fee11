// A plain-text table: the first two columns left-aligned (labels), the others right-aligned (figures).
export function formatTable(header, body) {
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((row) => row[c].length)));
  const line = (cells) => cells.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

export function caseLabel({ n, d, k }) {
  return `n=${n.toLocaleString('en-US')} d=${d} k=${k}`;
}
