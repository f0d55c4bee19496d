import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The `shared/` data folder (CDS Hooks spec examples, invariants, test vectors). It sits inside the workspace
 * root locally and beside the repo (`../shared`) in CI; walking up from here finds it in both layouts.
 */
export function findSharedDir(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared');
    if (existsSync(join(candidate, 'cds-hooks-spec'))) {
      return candidate;
    }
    if (dirname(dir) === dir) {
      throw new Error(`No shared/cds-hooks-spec folder above ${from}`);
    }
  }
}

/** Parses a JSON file below `shared/`, e.g. `cds-hooks-spec/spec-2.0.1-examples/feedback-accepted.json`. */
export function readSharedJson<T = unknown>(relativePath: string): T {
  return JSON.parse(readFileSync(join(findSharedDir(), relativePath), 'utf8')) as T;
}
