/** Small files in a temporary directory for command tests. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
