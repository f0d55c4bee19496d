#!/usr/bin/env node
// `npm run test:hapi`: the HAPI suite (tools/hapi/tests/*.hapi.spec.ts) against a real HAPI FHIR R4 server —
// HAPI_FHIR_URL when set (e.g. `docker compose up fhir` → http://localhost:8080/fhir), otherwise
// tools/hapi-fhir-server built and started here on a free loopback port and stopped at the end.
// Ends with the plain line "N passed, N failed, N skipped" and exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { answersMetadata, buildHapi, freePort, startHapi } from './hapi-server.mjs';

const REPORT = join('tools', 'hapi', '.jest-results.json');
const seconds = (ms) => `${(ms / 1000).toFixed(0)} s`;

let hapi;
process.on('SIGINT', () => void hapi?.stop().then(() => process.exit(130)));
process.on('SIGTERM', () => void hapi?.stop().then(() => process.exit(143)));

/** The first searches of a fresh HAPI compile its query paths; do them before the service's 5 s FHIR deadline applies. */
async function warmUp(baseUrl) {
  const searches = [
    'Patient?_id=warm-up',
    'Condition?patient=warm-up',
    'Observation?patient=warm-up',
    'Procedure?patient=warm-up',
    'MedicationRequest?patient=warm-up',
    'MedicationStatement?patient=warm-up',
    'Encounter?patient=warm-up',
    'QuestionnaireResponse?patient=warm-up',
    'ServiceRequest?patient=warm-up',
    'DiagnosticReport?patient=warm-up',
  ];
  for (const search of searches) {
    const res = await fetch(`${baseUrl}/${search}&_count=1`, { headers: { accept: 'application/fhir+json' } });
    await res.arrayBuffer();
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
let exitCode = 1;
try {
  let baseUrl = process.env.HAPI_FHIR_URL?.replace(/\/+$/, '');
  if (baseUrl) {
    console.log(`HAPI suite against HAPI_FHIR_URL=${baseUrl}`);
    if (!(await answersMetadata(baseUrl))) {
      throw new Error(`${baseUrl}/metadata does not answer`);
    }
  } else {
    const built = buildHapi();
    hapi = await startHapi({ port: Number(process.env.HAPI_PORT ?? 0) || (await freePort()) });
    baseUrl = hapi.baseUrl;
    console.log(`HAPI: build ${built ? seconds(built * 1000) : 'up to date'}, start ${seconds(hapi.startSeconds * 1000)}`);
  }
  const warm = Date.now();
  await warmUp(baseUrl);
  console.log(`HAPI: warm-up ${seconds(Date.now() - warm)}`);

  if (existsSync(REPORT)) {
    rmSync(REPORT);
  }
  const testsStarted = Date.now();
  const jest = spawnSync(
    'npx',
    ['jest', '-c', 'tools/hapi/jest.config.cts', '--runInBand', '--json', `--outputFile=${REPORT}`, ...process.argv.slice(2)],
    {
      stdio: 'inherit',
      env: { ...process.env, HAPI_FHIR_URL: baseUrl },
    },
  );
  console.log(`HAPI suite: ${seconds(Date.now() - testsStarted)}`);
  if (existsSync(REPORT)) {
    const r = JSON.parse(readFileSync(REPORT, 'utf8'));
    passed = r.numPassedTests;
    failed = r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
    skipped = r.numPendingTests + (r.numTodoTests ?? 0);
  }
  if (jest.status !== 0 && failed === 0) {
    // a suite that did not compile, or Jest itself failing
    failed = 1;
  }
  exitCode = failed === 0 && passed > 0 ? 0 : 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  failed += 1;
} finally {
  await hapi?.stop();
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(exitCode);
