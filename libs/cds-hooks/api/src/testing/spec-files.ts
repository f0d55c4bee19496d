import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The CDS Hooks spec data the conformance tests use (spec examples, invariants, test vectors), kept in
 * the repository beside this file (`cds-hooks-spec/`, origins in its README) so that a clone runs its
 * tests anywhere. Paths passed below start with `cds-hooks-spec/`.
 */
export function specDataDir(): string {
  return __dirname;
}

/** Parses a JSON file of the spec data, e.g. `cds-hooks-spec/spec-2.0.1-examples/feedback-accepted.json`. */
export function readSpecJson<T = unknown>(relativePath: string): T {
  return JSON.parse(readFileSync(join(specDataDir(), relativePath), 'utf8')) as T;
}
