// The product's own prefetch builder (buildPrefetch in libs/cds-hooks/api), for the .mjs tools that cannot import
// TypeScript: `node dist/apps/cds-service/main.js prefetch` of the built service. The load test and the bench
// build their requests with it, so their templates are filled and their pages followed as the service does it.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../dist/apps/cds-service/main.js', import.meta.url));

/**
 * For each patient id: the prefetch an EHR would send for `templates` (a service's discovery `prefetch`), the
 * context `{ userId, patientId }`, fetched from `fhirBaseUrl`. Resolves to `{ [patientId]: prefetch }`.
 */
export function buildPrefetches(templates, fhirBaseUrl, patientIds, { userId = 'Practitioner/prefetch' } = {}) {
  if (!existsSync(MAIN)) {
    return Promise.reject(new Error(`${MAIN} is missing: build the service first (npx nx build cds-service)`));
  }
  const args = [MAIN, 'prefetch', '--templates', JSON.stringify(templates), '--user', userId, fhirBaseUrl, ...patientIds];
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      { env: { ...process.env, LOG_LEVEL: 'error' }, maxBuffer: 512 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`main.js prefetch failed: ${(stdout || stderr).trim().slice(0, 500)}`));
          return;
        }
        resolve(JSON.parse(stdout));
      },
    );
  });
}
