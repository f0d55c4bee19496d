import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { configureCdsHooksHttp } from '@pcb-cds/cds-hooks-api';
import type { ReadinessCheck } from '@pcb-cds/platform-observability';
import { configureObservabilityHttp, enableGracefulShutdown, JsonLogger } from '@pcb-cds/platform-observability';
import { PostcoitalBleedingCdsService } from '@pcb-cds/postcoital-bleeding-service';
import { ConfigError, loadConfig, loadGuidelineConfiguration, nestLogLevels } from './app/app-config';
import { AppModule } from './app/app.module';
import { authSettings } from './app/auth-settings';
import { cardViewerSetup } from './app/card-viewer-setup';
import { COMMANDS } from './app/commands';
import { startEmbeddedSandbox } from './app/embedded-sandbox';
import { expectOk } from './app/expect-ok';
import { feedbackStoreCloser, feedbackStoreReadiness } from './app/feedback-store-lifecycle';
import { openFeedbackStore } from './app/open-feedback-store';
import { openSharedState } from './app/shared-state-setup';
import { startupBanner } from './app/startup-banner';

const logger = new JsonLogger({
  levels: nestLogLevels(process.env['LOG_LEVEL']),
});
Logger.overrideLogger(logger);

async function bootstrap(): Promise<void> {
  const config = loadConfig(process.env);
  const guideline = loadGuidelineConfiguration(config);
  const today = config.evaluationDate ? new Date(`${config.evaluationDate}T12:00:00Z`) : new Date();
  const feedback = await openFeedbackStore(config);
  const sandbox = config.fhirBaseUrl ? undefined : await startEmbeddedSandbox(config.sandboxPort, today);
  // The card viewer (when on) signs its hook calls with its own key when authentication is on; it is pinned here.
  const cardViewer = await cardViewerSetup(config, {
    staticDir: process.env['CARD_VIEWER_DIR'] ?? join(__dirname, 'viewer'),
    fhirBaseUrl: sandbox?.baseUrl ?? (config.fhirBaseUrl as string),
    browserFhirBaseUrl: process.env['CARD_VIEWER_FHIR_URL'] || undefined,
    audienceBaseUrl: config.publicBaseUrl ?? config.acceptedAudiences[0],
  });
  // REDIS_URL: replay cache and limits shared by every replica (see shared-state-setup).
  const shared = openSharedState(config);
  const auth = {
    ...authSettings(config, cardViewer.trustedClient),
    ...(shared ? { sharedState: shared.auth } : {}),
  };
  const readinessChecks: ReadinessCheck[] = [
    ...(sandbox
      ? [
          {
            name: 'fhir-sandbox',
            check: (signal: AbortSignal) => expectOk(`${sandbox.baseUrl}/metadata`, signal),
          },
        ]
      : []),
    feedbackStoreReadiness(feedback.repository),
    ...(shared ? [shared.readiness] : []),
  ];
  // Only these FHIR servers are ever contacted: the configured/embedded one and the allowlist.
  const fhirServerAllowlist = [
    ...(sandbox ? [sandbox.baseUrl] : []),
    ...(config.fhirBaseUrl ? [config.fhirBaseUrl] : []),
    ...config.fhirServerAllowlist,
  ];
  const app = await NestFactory.create(
    AppModule.forRoot({
      ...config,
      guideline,
      feedback,
      auth,
      readinessChecks,
      fhirServerAllowlist,
      viewer: cardViewer.viewer,
      ...(shared ? { rateLimitStorage: shared.rateLimitStorage } : {}),
    }),
    {
      bodyParser: false,
      logger,
    },
  );
  if (config.trustProxy !== undefined) {
    // req.ip is then the client named by the trusted proxies: per-address limits count clients, not the proxy.
    app.getHttpAdapter().getInstance().set('trust proxy', config.trustProxy);
  }
  configureObservabilityHttp(app);
  configureCdsHooksHttp(app);
  enableGracefulShutdown(app, {
    // /ready answers 503 this long before the listener closes, so load balancers stop sending first.
    readinessDrainMs: config.shutdownDrainMs,
    closers: [
      ...(sandbox ? [{ name: 'fhir-sandbox', close: () => sandbox.close() }] : []),
      feedbackStoreCloser(feedback),
      ...(shared ? [shared.closer] : []),
    ],
  });
  if (shared && !(await shared.ready)) {
    Logger.error('Redis (REDIS_URL) did not answer at start-up: listening anyway; /cds-services answers 503 until it does', 'bootstrap');
  }
  await app.listen(config.port, config.host);
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const port = (app.getHttpServer().address() as { port: number }).port;
  const service = app.get(PostcoitalBleedingCdsService);
  // The banner is for the person at the terminal; stdout stays one JSON log line per line.
  process.stderr.write(
    startupBanner({
      serviceUrl: `http://${shownHost}:${port}`,
      fhirBaseUrl: sandbox?.baseUrl ?? (config.fhirBaseUrl as string),
      embedded: !!sandbox,
      service,
      today,
      auth: auth.mode,
      viewer: {
        mode: config.cardViewer.mode,
        tokenRequired: config.cardViewer.accessToken !== undefined,
      },
    }),
  );
}

(COMMANDS[process.argv[2]] ?? bootstrap)().catch((error: unknown) => {
  Logger.error(error instanceof ConfigError ? `Invalid configuration: ${error.message}` : error, 'bootstrap');
  process.exit(1);
});
