import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { CardViewerModule } from '@pcb-cds/card-viewer-backend';
import type { CardViewerOptions } from '@pcb-cds/card-viewer-backend';
import { CdsHooksApiModule } from '@pcb-cds/cds-hooks-api';
import type { CdsClientAuthOptions } from '@pcb-cds/cds-hooks-auth';
import { CdsClientAuthModule } from '@pcb-cds/cds-hooks-auth';
import { FHIR_FETCH_CHANNEL } from '@pcb-cds/fhir-client';
import type { Card, IssuedCards } from '@pcb-cds/cds-hooks-model';
import { cardsEmittedLedger, ObservabilityMetrics, ObservabilityModule, unrecognisedCodesRecorder } from '@pcb-cds/platform-observability';
import type { UnrecognisedCode } from '@pcb-cds/platform-observability';
import type { ReadinessCheck } from '@pcb-cds/platform-observability';
import type { GuidelineConfiguration } from '@pcb-cds/postcoital-bleeding-service';
import { RULES_EXTENSION } from '@pcb-cds/postcoital-bleeding-cards';
import { PcbOrderHookCdsService, PostcoitalBleedingCdsService } from '@pcb-cds/postcoital-bleeding-service';
import type { AppConfig } from './app-config';
import type { FeedbackStoreWiring } from './card-memory-setup';
import { cardMemorySetup } from './card-memory-setup';
import { OpenApiController } from './openapi.controller';

/** Wiring only: the protocol layer serves the postcoital-bleeding service. */
@Module({})
export class AppModule {
  static forRoot(
    config: Pick<AppConfig, 'prefetchTimeoutMs' | 'evaluationDate'> &
      Partial<Pick<AppConfig, 'hookDeadlineMs' | 'rateLimitPerMinute' | 'fhirResponseLimits'>> & {
        /** FHIR servers the service may fetch prefetch from; undefined = any (tests only). */
        fhirServerAllowlist?: string[];
        guideline: GuidelineConfiguration;
        /** Durable feedback and card ledger; without it feedback is only validated and logged. */
        feedback?: FeedbackStoreWiring;
        /** CDS client authentication; `on` needs the trusted clients. */
        auth: CdsClientAuthOptions;
        /** What /ready checks (the FHIR sandbox when embedded, the feedback store). */
        readinessChecks?: ReadinessCheck[];
        /** Where rate-limit hits are counted when replicas share them (Redis); default in memory, per process. */
        rateLimitStorage?: ThrottlerStorage;
        /** The card viewer web page at /viewer/ (served by `npm start`). */
        viewer?: CardViewerOptions;
      },
  ): DynamicModule {
    const pinned = config.evaluationDate ? new Date(`${config.evaluationDate}T12:00:00Z`) : undefined;
    const settings = {
      ...config.guideline,
      clock: (): Date => pinned ?? new Date(),
      // Unreadable result codes are counted per code (metrics is created below, before any request).
      onUnrecognisedResults: (results: readonly UnrecognisedCode[]): void => countUnrecognised(results),
    };
    const service = new PostcoitalBleedingCdsService(settings);
    const services = [service, new PcbOrderHookCdsService(settings, 'order-select'), new PcbOrderHookCdsService(settings, 'order-sign')];
    const metrics = new ObservabilityMetrics({ knownServiceIds: services.map((s) => s.definition.id) });
    const countUnrecognised = unrecognisedCodesRecorder(metrics);
    const durableLedger = config.feedback?.ledger;
    if (durableLedger) {
      metrics.observeCardLedger(durableLedger); // cds_card_ledger_pending, cds_card_ledger_lost_total
    }
    // Card memory holds back what clinicians already dealt with for the patient; both it and feedback are counted for governance.
    const memory = cardMemorySetup(config.feedback, config.guideline, metrics);
    // Every issued card is counted per rule (metrics), then recorded for feedback (ledger).
    const cardLedger = cardsEmittedLedger<Card, IssuedCards>(
      metrics,
      (card) => card.extension?.[RULES_EXTENSION] as string[] | undefined,
      durableLedger,
    );
    return {
      module: AppModule,
      controllers: [OpenApiController],
      imports: [
        ...(config.viewer ? [CardViewerModule.forRoot(config.viewer)] : []),
        ObservabilityModule.forRoot({ metrics, readinessChecks: config.readinessChecks ?? [], fhirFetchChannel: FHIR_FETCH_CHANNEL }),
        CdsClientAuthModule.forRoot(config.auth),
        CdsHooksApiModule.register({
          services,
          prefetchTimeoutMs: config.prefetchTimeoutMs,
          ...(config.hookDeadlineMs ? { hookDeadlineMs: config.hookDeadlineMs } : {}),
          ...(config.fhirResponseLimits ? { fhirResponseLimits: config.fhirResponseLimits } : {}),
          ...(config.fhirServerAllowlist ? { fhirServerAllowlist: config.fhirServerAllowlist } : {}),
          rateLimit: config.rateLimitPerMinute
            ? { limit: config.rateLimitPerMinute, ttlMs: 60_000, ...(config.rateLimitStorage ? { storage: config.rateLimitStorage } : {}) }
            : false,
          cardLedger,
          ...(memory.feedbackSink ? { feedbackSink: memory.feedbackSink } : {}),
          ...(memory.cardMemory ? { cardMemory: memory.cardMemory } : {}),
        }),
      ],
      providers: [{ provide: PostcoitalBleedingCdsService, useValue: service }],
      exports: [PostcoitalBleedingCdsService],
    };
  }
}
