// The product (composeApp, as main.ts composes it) in a process of its own, for tests that send real signals or
// take the database away: its embedded FHIR sandbox holds one demo patient (pcb-demo-pregnant-30w).
// Run: node -r ts-node/register/transpile-only -r <feedback-store register-workspace-paths.ts> shutdown-harness.ts
// Environment: HARNESS_DATABASE_URL + HARNESS_PG_SCHEMA (else an SQLite file HARNESS_SQLITE_PATH), SHUTDOWN_DRAIN_MS.
// Prints "fhir <base URL>" then "listening <port>" once it serves.
import { DurableCardLedger, PostgresFeedbackRepository, SqliteFeedbackRepository } from '@pcb-cds/cds-hooks-feedback-store';
import { DEMO_PATIENTS } from '@pcb-cds/postcoital-bleeding-demo-patients';
import { loadConfig } from '../app-config';
import { composeApp } from '../compose-app';

async function main(): Promise<void> {
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    FHIR_SANDBOX_PORT: '0',
    CDS_AUTH: 'off',
    PREFETCH_TIMEOUT_MS: '2000',
    SHUTDOWN_DRAIN_MS: process.env['SHUTDOWN_DRAIN_MS'] ?? '0',
  });
  // Its own store rather than the configured one: a short connection timeout, so /ready notices a lost database at once.
  const databaseUrl = process.env['HARNESS_DATABASE_URL'];
  const repository = databaseUrl
    ? new PostgresFeedbackRepository({ connectionString: databaseUrl, schema: process.env['HARNESS_PG_SCHEMA'], connectionTimeoutMs: 1000 })
    : new SqliteFeedbackRepository({ path: process.env['HARNESS_SQLITE_PATH'] });
  await repository.init();
  const bundle = DEMO_PATIENTS.find((p) => p.id === 'pcb-demo-pregnant-30w')?.bundle(new Date());
  const { app, fhirBaseUrl } = await composeApp(config, {
    logger: ['error', 'warn'],
    sandboxBundles: bundle ? [bundle] : [],
    feedback: {
      repository,
      ledger: new DurableCardLedger(repository, { patientHashSalt: 'shutdown-harness-salt-0123456789', flushIntervalMs: 50 }),
    },
  });
  process.stdout.write(`fhir ${fhirBaseUrl}\n`);
  await app.listen(config.port, config.host);
  process.stdout.write(`listening ${(app.getHttpServer().address() as { port: number }).port}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
