// The product's own loader (`main.js load-demo`) is part of the built service: build it as `npm start` does.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const SERVICE_MAIN = 'dist/apps/cds-service/main.js';

export function buildService({ log = console.log } = {}) {
  log('Building cds-service (nx build cds-service)…');
  const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
  const nx = spawnSync('npx', ['nx', 'build', 'cds-service', '--outputStyle=static'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
    maxBuffer: 64 * 2 ** 20,
  });
  if (nx.status !== 0 || !existsSync(SERVICE_MAIN)) {
    // nx's output only when it failed (it prints a page of notices otherwise).
    const output = `${nx.stdout ?? ''}${nx.stderr ?? ''}`.split('\n').slice(-60).join('\n');
    throw new Error(`nx build cds-service failed (exit ${nx.status ?? nx.signal}):\n${output}`);
  }
}

/** `node main.js load-demo` with FHIR_BASE_URL: the demo patients, vignettes and published artefacts, as PUTs. */
export function loadDemo(fhirBaseUrl) {
  const run = spawnSync('node', [SERVICE_MAIN, 'load-demo'], { stdio: 'inherit', env: { ...process.env, FHIR_BASE_URL: fhirBaseUrl } });
  if (run.status !== 0) {
    throw new Error(`load-demo into ${fhirBaseUrl} failed (exit ${run.status ?? run.signal})`);
  }
}
