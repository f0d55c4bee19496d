import { join } from 'node:path';
import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Bundle, FhirResource } from 'fhir/r4';
import { configureCdsHooksHttp } from '@pcb-cds/cds-hooks-api';
import type { FhirSandbox } from '@pcb-cds/fhir-sandbox';
import type { ReadinessCheck, ShutdownCloser } from '@pcb-cds/platform-observability';
import { configureObservabilityHttp, enableGracefulShutdown, JsonLogger } from '@pcb-cds/platform-observability';
import { PostcoitalBleedingCdsService } from '@pcb-cds/postcoital-bleeding-service';
import type { AppConfig } from './app-config';
import { loadGuidelineConfiguration, nestLogLevels } from './app-config';
import { AppModule } from './app.module';
import { authSettings } from './auth-settings';
import type { FeedbackStoreWiring } from './card-memory-setup';
import { cardViewerSetup } from './card-viewer-setup';
import { startEmbeddedSandbox, startSandboxWith } from './embedded-sandbox';
import { expectOk } from './expect-ok';
import { feedbackStoreCloser, feedbackStoreReadiness } from './feedback-store-lifecycle';
import { openFeedbackStore } from './open-feedback-store';
import { openSharedState } from './shared-state-setup';
import type { StartupBannerFacts } from './startup-banner';

/**
 * What tests vary that the environment cannot say. Everything else (ports, auth mode, allowlist, viewer, date,
 * limits) is configuration, read by loadConfig, so a test stack runs the product's own wiring.
 */
export interface ComposeOverrides {
  /** Default: JSON lines at LOG_LEVEL. `false`: silent. */
  logger?: LoggerService | LogLevel[] | false;
  /** The embedded sandbox's data instead of the demo data (a test loads its own charts). */
  sandboxBundles?: Bundle<FhirResource>[];
  /** An open feedback store instead of the one DATABASE_URL / FEEDBACK_SQLITE_PATH names (a test reads it back). */
  feedback?: FeedbackStoreWiring;
  /** Client authentication instead of CDS_TRUSTED_CLIENTS_FILE's (a test trusts keys it made). */
  auth?: Parameters<typeof AppModule.forRoot>[0]['auth'];
}

export interface ComposedApp {
  /** Not yet listening: `app.listen(config.port, config.host)`. */
  app: INestApplication;
  /** The FHIR server the service and the viewer name: the embedded sandbox or FHIR_BASE_URL. */
  fhirBaseUrl: string;
  /** The embedded sandbox, when no FHIR_BASE_URL was given. */
  sandbox?: FhirSandbox;
  /** The evaluation date (PCB_EVALUATION_DATE at noon UTC, else now). */
  today: Date;
  /** Resolves when shared state (REDIS_URL) answers or its start-up wait ends; true without REDIS_URL. */
  sharedStateReady: Promise<boolean>;
  /** What the start-up banner says, once the service URL is known. */
  bannerFacts(serviceUrl: string): StartupBannerFacts;
  /** The app, then the sandbox, feedback store and shared state, as a SIGTERM would, without exiting the process. */
  close(): Promise<void>;
}

/**
 * The product as `npm start` runs it, up to `listen`: feedback store, embedded sandbox (no FHIR_BASE_URL), card
 * viewer, shared state, client authentication, readiness checks, the FHIR server allowlist, the Nest module, the
 * HTTP plumbing and graceful shutdown. main.ts and every test stack build the service here and nowhere else.
 */
export async function composeApp(config: AppConfig, overrides: ComposeOverrides = {}): Promise<ComposedApp> {
  const logger = overrides.logger ?? new JsonLogger({ levels: nestLogLevels(config.logLevel) });
  // Start-up warnings (authentication off, an ephemeral salt) are logged before Nest exists.
  Logger.overrideLogger(logger);
  const guideline = loadGuidelineConfiguration(config);
  const today = config.evaluationDate ? new Date(`${config.evaluationDate}T12:00:00Z`) : new Date();
  const feedback = overrides.feedback ?? (await openFeedbackStore(config));
  const sandbox = config.fhirBaseUrl
    ? undefined
    : overrides.sandboxBundles
      ? await startSandboxWith(config.sandboxPort, overrides.sandboxBundles)
      : await startEmbeddedSandbox(config.sandboxPort, today);
  const fhirBaseUrl = sandbox?.baseUrl ?? (config.fhirBaseUrl as string);
  // The card viewer (when on) signs its hook calls with its own key when authentication is on; it is pinned here.
  const cardViewer = await cardViewerSetup(config, {
    staticDir: config.cardViewer.staticDir ?? join(__dirname, 'viewer'),
    fhirBaseUrl,
    browserFhirBaseUrl: config.cardViewer.browserFhirBaseUrl,
    audienceBaseUrl: config.publicBaseUrl ?? config.acceptedAudiences[0],
  });
  // REDIS_URL: replay cache and limits shared by every replica (see shared-state-setup).
  const shared = openSharedState(config);
  const auth = overrides.auth ?? {
    ...authSettings(config, cardViewer.trustedClient),
    ...(shared ? { sharedState: shared.auth } : {}),
  };
  const readinessChecks: ReadinessCheck[] = [
    ...(sandbox ? [{ name: 'fhir-sandbox', check: (signal: AbortSignal) => expectOk(`${sandbox.baseUrl}/metadata`, signal) }] : []),
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
    { bodyParser: false, logger },
  );
  if (config.trustProxy !== undefined) {
    // req.ip is then the client named by the trusted proxies: per-address limits count clients, not the proxy.
    app.getHttpAdapter().getInstance().set('trust proxy', config.trustProxy);
  }
  configureObservabilityHttp(app);
  configureCdsHooksHttp(app, { fastHookRoute: config.fastHookRoute });
  const closers: ShutdownCloser[] = [
    ...(sandbox ? [{ name: 'fhir-sandbox', close: () => sandbox.close() }] : []),
    feedbackStoreCloser(feedback),
    ...(shared ? [shared.closer] : []),
  ];
  const shutdown = enableGracefulShutdown(app, {
    // /ready answers 503 this long before the listener closes, so load balancers stop sending first.
    readinessDrainMs: config.shutdownDrainMs,
    closers,
  });
  return {
    app,
    fhirBaseUrl,
    ...(sandbox ? { sandbox } : {}),
    today,
    sharedStateReady: shared ? shared.ready : Promise.resolve(true),
    bannerFacts: (serviceUrl) => ({
      serviceUrl,
      fhirBaseUrl,
      embedded: !!sandbox,
      service: app.get(PostcoitalBleedingCdsService),
      today,
      auth: auth.mode,
      viewer: { mode: config.cardViewer.mode, tokenRequired: config.cardViewer.accessToken !== undefined },
    }),
    close: async () => {
      shutdown.dispose();
      await app.close();
      for (const closer of closers) {
        await closer.close();
      }
    },
  };
}
