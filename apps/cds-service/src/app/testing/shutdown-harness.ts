// The product's HTTP stack in a process of its own, wired as main.ts wires it (observability, CDS Hooks
// plumbing, graceful shutdown, the feedback store, its readiness check and closer, the ledger metrics), without
// the FHIR sandbox: for tests that send real signals or take the database away.
// Run: node -r ts-node/register/transpile-only -r <feedback-store register-workspace-paths.ts> shutdown-harness.ts
// Environment: HARNESS_DATABASE_URL + HARNESS_PG_SCHEMA (else an SQLite file HARNESS_SQLITE_PATH),
// SHUTDOWN_DRAIN_MS. Prints "listening <port>" once it serves.
import { NestFactory } from '@nestjs/core';
import { configureCdsHooksHttp } from '@pcb-cds/cds-hooks-api';
import { DurableCardLedger, PostgresFeedbackRepository, SqliteFeedbackRepository } from '@pcb-cds/cds-hooks-feedback-store';
import { configureObservabilityHttp, enableGracefulShutdown } from '@pcb-cds/platform-observability';
import { buildGuidelineConfiguration } from '@pcb-cds/postcoital-bleeding-service';
import { AppModule } from '../app.module';
import { feedbackStoreCloser, feedbackStoreReadiness } from '../feedback-store-lifecycle';

async function main(): Promise<void> {
  const databaseUrl = process.env['HARNESS_DATABASE_URL'];
  const repository = databaseUrl
    ? new PostgresFeedbackRepository({ connectionString: databaseUrl, schema: process.env['HARNESS_PG_SCHEMA'], connectionTimeoutMs: 1000 })
    : new SqliteFeedbackRepository({ path: process.env['HARNESS_SQLITE_PATH'] });
  await repository.init();
  const feedback = { repository, ledger: new DurableCardLedger(repository, { patientHashSalt: 'shutdown-harness-salt-0123456789', flushIntervalMs: 50 }) };
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
  enableGracefulShutdown(app, { readinessDrainMs: Number(process.env['SHUTDOWN_DRAIN_MS'] ?? 0), closers: [feedbackStoreCloser(feedback)] });
  await app.listen(0, '127.0.0.1');
  process.stdout.write(`listening ${(app.getHttpServer().address() as { port: number }).port}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
