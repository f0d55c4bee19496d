import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parseGovernanceReportArgs, ReportArgumentError, runGovernanceReport } from '@pcb-cds/cds-hooks-feedback-store';
import { PostcoitalBleedingCdsService } from '@pcb-cds/postcoital-bleeding-service';
import type { AppConfig } from './app-config';
import { ConfigError, loadGuidelineConfiguration } from './app-config';
import { AppModule } from './app.module';
import { benchPipeline } from './bench-pipeline';
import { startEmbeddedSandbox } from './embedded-sandbox';
import { loadDemoPatients } from './load-demo-patients';
import { prefetchCommand } from './prefetch-command';

// One-shot commands of the built service: `node main.js <command>`, each given the configuration main.ts read.

/**
 * `main.js feedback-report [--since d] [--until d] [--json]` (npm run feedback:report): per rule and jurisdiction
 * over the period (shown, accepted, overridden by reason, held back), then acceptance and override rates per rule.
 */
async function feedbackReportCommand(config: AppConfig): Promise<void> {
  let args: ReturnType<typeof parseGovernanceReportArgs>;
  try {
    args = parseGovernanceReportArgs(process.argv.slice(3));
  } catch (error) {
    throw error instanceof ReportArgumentError ? new ConfigError(`feedback-report: ${error.message}`) : error;
  }
  process.stdout.write(await runGovernanceReport({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath }, args));
}

/** `main.js load-demo`: load the demo patients into FHIR_BASE_URL and exit (docker-compose's loader). */
async function loadDemo(config: AppConfig): Promise<void> {
  if (!config.fhirBaseUrl) {
    throw new ConfigError('load-demo needs FHIR_BASE_URL');
  }
  const count = await loadDemoPatients(config.fhirBaseUrl, new Date());
  Logger.log(`Loaded ${count} demo bundles into ${config.fhirBaseUrl}`, 'load-demo');
}

/**
 * `main.js bench-pipeline [request.json]`: µs per in-process evaluation for each demo patient (and the given
 * hook request), as JSON (npm run bench).
 */
async function benchPipelineCommand(config: AppConfig): Promise<void> {
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({
      ...config,
      guideline: loadGuidelineConfiguration(config),
      auth: { mode: 'off' },
    }),
    {
      logger: false,
    },
  );
  process.stdout.write(
    `${JSON.stringify(await benchPipeline(app.get(PostcoitalBleedingCdsService), new Date(), { requestFile: process.argv[3] }))}\n`,
  );
  await app.close();
}

/**
 * `main.js sandbox`: only the embedded FHIR sandbox with the demo data, on FHIR_SANDBOX_PORT, until stopped —
 * a FHIR server of its own process, as an EHR's would be (npm run bench runs the service against it).
 */
async function sandboxCommand(config: AppConfig): Promise<void> {
  const sandbox = await startEmbeddedSandbox(config.sandboxPort, new Date());
  process.stdout.write(`FHIR R4 server: ${sandbox.baseUrl}\n`);
  process.once('SIGTERM', () => void sandbox.close().then(() => process.exit(0)));
}

export const COMMANDS: Record<string, (config: AppConfig) => Promise<void>> = {
  'load-demo': loadDemo,
  sandbox: sandboxCommand,
  'bench-pipeline': benchPipelineCommand,
  'feedback-report': feedbackReportCommand,
  prefetch: (config) => prefetchCommand(config, process.argv.slice(3)),
};
