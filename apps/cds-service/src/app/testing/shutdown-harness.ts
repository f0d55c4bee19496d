// The product's HTTP stack in a process of its own, wired as main.ts wires it (observability, CDS Hooks
// plumbing, graceful shutdown, the feedback store, its readiness check and closer, the ledger metrics), without
// the FHIR sandbox: for tests that send real signals or take the database away.
// Run: node -r ts-node/register/transpile-only -r <feedback-store register-workspace-paths.ts> shutdown-harness.ts
// Environment: HARNESS_DATABASE_URL + HARNESS_PG_SCHEMA (else an SQLite file HARNESS_SQLITE_PATH),
// SHUTDOWN_DRAIN_MS; HARNESS_SANDBOX=1 also starts the FHIR sandbox with one demo patient (pcb-demo-pregnant-30w)
// and prints "fhir <base URL>". Prints "listening <port>" once it serves.
import { NestFactory } from '@nestjs/core';
import { configureCdsHooksHttp } from '@pcb-cds/cds-hooks-api';
import { DurableCardLedger, PostgresFeedbackRepository, SqliteFeedbackRepository } from '@pcb-cds/cds-hooks-feedback-store';
import { configureObservabilityHttp, enableGracefulShutdown } from '@pcb-cds/platform-observability';
import { startFhirSandbox } from '@pcb-cds/fhir-sandbox';
import { DEMO_PATIENTS } from '@pcb-cds/postcoital-bleeding-demo-patients';
import { buildGuidelineConfiguration } from '@pcb-cds/postcoital-bleeding-service';
import { AppModule } from '../app.module';
import { feedbackStoreCloser, feedbackStoreReadiness } from '../feedback-store-lifecycle';

async function main(): Promise<void> {
  const databaseUrl = process.env['HARNESS_DATABASE_URL'];
  const repository = databaseUrl
    ? new PostgresFeedbackRepository({ connectionString: databaseUrl, schema: process.env['HARNESS_PG_SCHEMA'], connectionTimeoutMs: 1000 })
    : new SqliteFeedbackRepository({ path: process.env['HARNESS_SQLITE_PATH'] });
  await repository.init();
  if (process.env['HARNESS_SANDBOX'] === '1') {
    const sandbox = await startFhirSandbox({ port: 0 });
    const bundle = DEMO_PATIENTS.find((p) => p.id === 'pcb-demo-pregnant-30w')?.bundle(new Date());
    if (bundle) {
      await sandbox.transaction(bundle);
    }
    process.stdout.write(`fhir ${sandbox.baseUrl}\n`);
  }
  const feedback = {
    repository,
    ledger: new DurableCardLedger(repository, { patientHashSalt: 'shutdown-harness-salt-0123456789', flushIntervalMs: 50 }),
  };
  const app = await NestFactory.create(
    AppModule.forRoot({
      guideline: buildGuidelineConfiguration({}),
      prefetchTimeoutMs: 2000,
      feedback,
      auth: { mode: 'off' },
      readinessChecks: [feedbackStoreReadiness(repository)],
    }),
    { bodyParser: false, logger: ['error', 'warn'] },
  );
  configureObservabilityHttp(app);
  configureCdsHooksHttp(app);
  enableGracefulShutdown(app, {
    readinessDrainMs: Number(process.env['SHUTDOWN_DRAIN_MS'] ?? 0),
    closers: [feedbackStoreCloser(feedback)],
  });
  await app.listen(0, '127.0.0.1');
  process.stdout.write(`listening ${(app.getHttpServer().address() as { port: number }).port}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
