import { existsSync, readFileSync } from 'node:fs';
import { Module } from 'node:module';
import { dirname, join, resolve } from 'node:path';

// For child processes started with `node -r ts-node/register/transpile-only`: maps the workspace's
// `@pcb-cds/*` import aliases (tsconfig.base.json "paths") to their files, as Jest's moduleNameMapper and
// webpack do for the rest of the repository. Import it first.

function workspaceRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'tsconfig.base.json'))) {
      return dir;
    }
    if (dirname(dir) === dir) {
      throw new Error(`no tsconfig.base.json above ${from}`);
    }
  }
}

const root = workspaceRoot(__dirname);
const base = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')) as {
  compilerOptions?: { paths?: Record<string, string[]> };
};
const aliases = new Map(Object.entries(base.compilerOptions?.paths ?? {}).map(([alias, [target]]) => [alias, resolve(root, target)]));

type ResolveFilename = (this: unknown, request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: ResolveFilename };
const original = loader._resolveFilename;
loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
  return original.call(this, aliases.get(request) ?? request, ...rest);
};
