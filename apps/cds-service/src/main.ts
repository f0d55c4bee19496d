import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { configureCdsHooksHttp } from '@pcb-cds/cds-hooks-api';
import {
  createFeedbackRepository,
  DurableCardLedger,
  PatientHashSaltError,
  resolvePatientHashSalt,
  runFeedbackReport,
} from '@pcb-cds/cds-hooks-feedback-store';
import type { FeedbackRepository } from '@pcb-cds/cds-hooks-feedback-store';
import { join } from 'node:path';
import {
  loadTrustedClientsConfig,
  TrustedClientsConfigError,
} from '@pcb-cds/cds-hooks-auth';
import type { TrustedClientsConfig } from '@pcb-cds/cds-hooks-auth';
import { ViewerSigner } from '@pcb-cds/card-viewer-backend';
import {
  configureObservabilityHttp,
  enableGracefulShutdown,
  JsonLogger,
} from '@pcb-cds/platform-observability';
import type { ReadinessCheck } from '@pcb-cds/platform-observability';
import { PostcoitalBleedingCdsService } from '@pcb-cds/postcoital-bleeding-service';
import {
  ConfigError,
  loadConfig,
  loadGuidelineConfiguration,
  nestLogLevels,
} from './app/app-config';
import { AppModule } from './app/app.module';
import { benchPipeline } from './app/bench-pipeline';
import { startEmbeddedSandbox } from './app/embedded-sandbox';
import { loadDemoPatients } from './app/load-demo-patients';
import { startupBanner } from './app/startup-banner';

const logger = new JsonLogger({
  levels: nestLogLevels(process.env['LOG_LEVEL']),
});
Logger.overrideLogger(logger);

async function bootstrap(): Promise<void> {
  const config = loadConfig(process.env);
  const guideline = loadGuidelineConfiguration(config);
  const today = config.evaluationDate
    ? new Date(`${config.evaluationDate}T12:00:00Z`)
    : new Date();
  const feedback = await openFeedbackStore(config);
  const sandbox = config.fhirBaseUrl
    ? undefined
    : await startEmbeddedSandbox(config.sandboxPort, today);
  // The card viewer signs its hook calls with its own key when authentication is on; it is pinned here.
  const viewerSigner =
    config.auth.mode === 'on' ? await ViewerSigner.create() : undefined;
  const viewerIssuer = `${config.publicBaseUrl ?? `http://localhost:${config.port}`}/viewer`;
  const auth = authSettings(
    config,
    viewerSigner && { iss: viewerIssuer, jwks: viewerSigner.jwks() },
  );
  const readinessChecks: ReadinessCheck[] = [
    ...(sandbox
      ? [
          {
            name: 'fhir-sandbox',
            check: (signal: AbortSignal) =>
              expectOk(`${sandbox.baseUrl}/metadata`, signal),
          },
        ]
      : []),
  ];
  // Only these FHIR servers are ever contacted: the configured/embedded one and the allowlist.
  const fhirServerAllowlist = [
    ...(sandbox ? [sandbox.baseUrl] : []),
    ...(config.fhirBaseUrl ? [config.fhirBaseUrl] : []),
    ...config.fhirServerAllowlist,
  ];
  const viewer = {
    staticDir: process.env['CARD_VIEWER_DIR'] ?? join(__dirname, 'viewer'),
    fhirBaseUrl: sandbox?.baseUrl ?? (config.fhirBaseUrl as string),
    ...(process.env['CARD_VIEWER_FHIR_URL'] ? { browserFhirBaseUrl: process.env['CARD_VIEWER_FHIR_URL'] } : {}),
    ...(viewerSigner
      ? { signing: { issuer: viewerIssuer, signer: viewerSigner, audienceBaseUrl: config.publicBaseUrl } }
      : {}),
  };
  const app = await NestFactory.create(
    AppModule.forRoot({
      ...config,
      guideline,
      feedback,
      auth,
      readinessChecks,
      fhirServerAllowlist,
      viewer,
    }),
    {
      bodyParser: false,
      logger,
    },
  );
  configureObservabilityHttp(app);
  configureCdsHooksHttp(app);
  enableGracefulShutdown(app, {
    closers: [
      ...(sandbox
        ? [{ name: 'fhir-sandbox', close: () => sandbox.close() }]
        : []),
      {
        name: 'feedback-store',
        close: async () => {
          await feedback.ledger.flush();
          await feedback.repository.close();
        },
      },
    ],
  });
  await app.listen(config.port, config.host);
  const shownHost =
    config.host === '0.0.0.0' || config.host === '::'
      ? 'localhost'
      : config.host;
  const port = (app.getHttpServer().address() as { port: number }).port;
  const service = app.get(PostcoitalBleedingCdsService);
  // The banner is for the person at the terminal; stdout stays one JSON log line per line.
  process.stderr.write(
    startupBanner(
      `http://${shownHost}:${port}`,
      sandbox?.baseUrl ?? (config.fhirBaseUrl as string),
      !!sandbox,
      service,
      today,
      auth.mode,
    ),
  );
}

async function expectOk(url: string, signal: AbortSignal): Promise<void> {
  const res = await fetch(url, { signal });
  if (!res.ok) {
    throw new Error(`${url} answered ${res.status}`);
  }
}

/** CDS client authentication as configured; trusted clients are read only when it is on. */
function authSettings(
  config: ReturnType<typeof loadConfig>,
  viewer?: TrustedClientsConfig['clients'][number],
): Parameters<typeof AppModule.forRoot>[0]['auth'] {
  if (config.auth.mode === 'off') {
    Logger.warn(
      `CDS client authentication is OFF (${config.auth.reason === 'zero-setup demo' ? 'zero-setup demo: no FHIR_BASE_URL' : 'CDS_AUTH=off'}). Never expose this service to an EHR like this.`,
      'auth',
    );
    return { mode: 'off' };
  }
  try {
    const trusted = loadTrustedClientsConfig(config.trustedClientsFile);
    return {
      mode: 'on',
      trustedClients: { clients: [...trusted.clients, ...(viewer ? [viewer] : [])] },
      publicBaseUrl: config.publicBaseUrl,
    };
  } catch (error) {
    throw error instanceof TrustedClientsConfigError
      ? new ConfigError(
          `CDS_TRUSTED_CLIENTS_FILE ${config.trustedClientsFile}: ${error.message}`,
        )
      : error;
  }
}

/** The durable feedback store (PostgreSQL with DATABASE_URL, else SQLite) and the patient-hash salt. */
async function openFeedbackStore(
  config: ReturnType<typeof loadConfig>,
): Promise<{ repository: FeedbackRepository; ledger: DurableCardLedger }> {
  let salt: ReturnType<typeof resolvePatientHashSalt>;
  try {
    salt = resolvePatientHashSalt(config.patientHashSalt);
  } catch (error) {
    throw error instanceof PatientHashSaltError
      ? new ConfigError(`PATIENT_HASH_SALT: ${error.message}`)
      : error;
  }
  if (salt.ephemeral) {
    Logger.warn(
      'PATIENT_HASH_SALT is unset: a random per-process salt is used, so patient hashes cannot be linked across restarts',
      'feedback',
    );
  }
  const repository = createFeedbackRepository({
    databaseUrl: config.databaseUrl,
    sqlitePath: config.sqlitePath,
  });
  await repository.init();
  // Issued cards are written in batches (one fsync per 50 ms, not per request); shutdown flushes them.
  return {
    repository,
    ledger: new DurableCardLedger(repository, {
      patientHashSalt: salt.salt,
      flushIntervalMs: 50,
    }),
  };
}

/** `main.js feedback-report`: acceptance and override rates per rule (npm run feedback:report). */
async function feedbackReportCommand(): Promise<void> {
  const config = loadConfig(process.env);
  process.stdout.write(
    await runFeedbackReport({
      databaseUrl: config.databaseUrl,
      sqlitePath: config.sqlitePath,
    }),
  );
}

/** `main.js load-demo`: load the demo patients into FHIR_BASE_URL and exit (docker-compose's loader). */
async function loadDemo(): Promise<void> {
  const config = loadConfig(process.env);
  if (!config.fhirBaseUrl) {
    throw new ConfigError('load-demo needs FHIR_BASE_URL');
  }
  const count = await loadDemoPatients(config.fhirBaseUrl, new Date());
  Logger.log(
    `Loaded ${count} demo bundles into ${config.fhirBaseUrl}`,
    'load-demo',
  );
}

/** `main.js bench-pipeline`: µs per in-process evaluation for each demo patient, as JSON (npm run bench). */
async function benchPipelineCommand(): Promise<void> {
  const config = loadConfig(process.env);
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
    `${JSON.stringify(await benchPipeline(app.get(PostcoitalBleedingCdsService), new Date()))}\n`,
  );
  await app.close();
}

const COMMANDS: Record<string, () => Promise<void>> = {
  'load-demo': loadDemo,
  'bench-pipeline': benchPipelineCommand,
  'feedback-report': feedbackReportCommand,
};

(COMMANDS[process.argv[2]] ?? bootstrap)().catch((error: unknown) => {
  Logger.error(
    error instanceof ConfigError
      ? `Invalid configuration: ${error.message}`
      : error,
    'bootstrap',
  );
  process.exit(1);
});
