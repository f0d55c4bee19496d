#!/usr/bin/env node
// `npm test`: format check (Prettier), lint (module boundaries), type-check, then every Jest project, and finally the
// one plain line CI reads ("N passed, N failed"). Jest's own summary is per project and is not
// on CI's list of readable runners, so the counts are summed from each project's JSON report.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env }).status ?? 1;

const reportName = '.jest-results.json';
const projectDirs = (dir, depth) =>
  depth === 0
    ? [dir]
    : readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .flatMap((d) => projectDirs(join(dir, d.name), depth - 1));
// apps/<app> and libs/<scope>/<lib>: the folders Jest runs in.
const reports = () => [...projectDirs('apps', 1), ...projectDirs('libs', 2)].map((d) => join(d, reportName)).filter((f) => existsSync(f));
for (const stale of reports()) {
  rmSync(stale);
}

const steps = [
  // The formatting the README promises: `npx prettier --write .` fixes what this finds.
  ['format', run('npx', ['prettier', '--check', '.', '--log-level=warn'])],
  ['lint', run('npx', ['nx', 'run-many', '-t', 'lint', '--skip-nx-cache', '--outputStyle=static'])],
  ['typecheck', run('npx', ['tsc', '-p', 'tsconfig.typecheck.json', '--noEmit'])],
  [
    'test',
    run('npx', [
      'nx',
      'run-many',
      '-t',
      'test',
      '--skip-nx-cache',
      '--outputStyle=static',
      '--parallel=1',
      '--',
      '--json',
      `--outputFile=${reportName}`,
    ]),
  ],
];

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of reports()) {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
}
const testsFailed = failed;
for (const [name, status] of steps) {
  if (status !== 0) {
    console.error(`step "${name}" failed (exit ${status})`);
    // A lint or type error, or a Jest project that failed without a failing test (no tests found,
    // a suite that did not compile), still counts as a failure.
    if (name !== 'test' || testsFailed === 0) {
      failed += 1;
    }
  }
}
const ok = steps.every(([, s]) => s === 0) && passed > 0 && failed === 0;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(ok ? 0 : 1);
