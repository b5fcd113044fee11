/** Small files in a temporary directory for command tests. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticMixture } from '@gmm/datasets';

export interface TempDir {
  readonly dir: string;
  /** Writes `text` to `name` in the directory and returns the path. */
  file(name: string, text: string): string;
  path(name: string): string;
  remove(): void;
}

export function tempDir(): TempDir {
  const dir = mkdtempSync(join(tmpdir(), 'gmm-cli-'));
  return {
    dir,
    file(name, text) {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    path: (name) => join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Two well-separated groups of 2-D points with a header. */
export const TWO_GROUPS = ['x,y', '0,0', '0.2,0.1', '0.1,0.3', '0.3,0.2', '5,5', '5.2,5.1', '5.1,5.3', '5.3,4.9'].join('\n') + '\n';

/** 4000 rows of a seeded 3-component mixture in 4 columns (a, b, c, d), large enough for threads: mixture.csv in `tmp`. */
export function mixtureCsv(tmp: TempDir): string {
  const { data, rows, cols } = syntheticMixture({ k: 3, d: 4, n: 4000, seed: 6 });
  const lines = ['a,b,c,d'];
  for (let i = 0; i < rows; i++) lines.push(Array.from(data.subarray(i * cols, (i + 1) * cols)).join(','));
  return tmp.file('mixture.csv', `${lines.join('\n')}\n`);
}
