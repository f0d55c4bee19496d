import type { DynamicModule, Provider, Type } from '@nestjs/common';
import { Module } from '@nestjs/common';
import type { CdsService } from '@pcb-cds/cds-hooks-model';
import { CardLedger, CDS_SERVICES, FeedbackSink } from '@pcb-cds/cds-hooks-model';
import type { CdsHooksApiAsyncOptions, CdsHooksApiOptions, CdsHooksRuntimeOptions } from './cds-hooks-api.options';
import { CDS_HOOKS_RUNTIME_OPTIONS, DEFAULT_PREFETCH_TIMEOUT_MS } from './cds-hooks-api.options';
import { CdsHookInvoker } from './cds-hook-invoker.service';
import { CdsServiceRegistry } from './cds-service.registry';
import { CdsServicesController } from './cds-services.controller';
import { FeedbackController } from './feedback.controller';
import { FeedbackRecorder } from './feedback-recorder.service';
import { JsonContentTypeGuard } from './json-content-type.guard';
import { LoggingFeedbackSink } from './logging-feedback.sink';
import { createFhirRestPrefetchFetcher, PREFETCH_FETCHER_FACTORY } from './prefetch-fetcher';

/**
 * The CDS Hooks 2.0 endpoints for the services the app registers:
 *
 *   CdsHooksApiModule.register({ services: [new MyService()] | [MyServiceClass], feedbackSink?, prefetchTimeoutMs? })
 *   CdsHooksApiModule.registerAsync({ imports: [GuidelineModule], inject: [GuidelineService], useFactory: (s) => [s] })
 *
 * Pair it with `configureCdsHooksHttp(app)` for body parsing, CORS and OperationOutcome errors.
 */
@Module({})
export class CdsHooksApiModule {
  static register(options: CdsHooksApiOptions): DynamicModule {
    const classes = options.services.filter(isClass);
    const servicesProvider: Provider = {
      provide: CDS_SERVICES,
      // Keeps the registration order (it is the discovery order) while letting Nest build the classes.
      useFactory: (...built: CdsService[]): CdsService[] => {
        const queue = [...built];
        return options.services.map((s) => (isClass(s) ? (queue.shift() as CdsService) : s));
      },
      inject: classes,
    };
    return CdsHooksApiModule.build(options, [...classes, servicesProvider]);
  }

  static registerAsync(options: CdsHooksApiAsyncOptions): DynamicModule {
    return CdsHooksApiModule.build(options, [
      { provide: CDS_SERVICES, useFactory: options.useFactory as (...deps: unknown[]) => CdsService[], inject: options.inject ?? [] },
    ]);
  }

  private static build(options: Omit<CdsHooksApiOptions, 'services'>, serviceProviders: Provider[]): DynamicModule {
    const runtime: CdsHooksRuntimeOptions = { prefetchTimeoutMs: checkTimeout(options.prefetchTimeoutMs) };
    const sink = options.feedbackSink ?? LoggingFeedbackSink;
    const ledger = options.cardLedger;
    const ledgerProvider: Provider[] = !ledger
      ? []
      : [isClass(ledger) ? { provide: CardLedger, useClass: ledger } : { provide: CardLedger, useValue: ledger }];
    return {
      module: CdsHooksApiModule,
      imports: options.imports ?? [],
      controllers: [CdsServicesController, FeedbackController],
      providers: [
        ...serviceProviders,
        { provide: CDS_HOOKS_RUNTIME_OPTIONS, useValue: runtime },
        { provide: PREFETCH_FETCHER_FACTORY, useValue: createFhirRestPrefetchFetcher },
        isClass(sink) ? { provide: FeedbackSink, useClass: sink } : { provide: FeedbackSink, useValue: sink },
        ...ledgerProvider,
        CdsServiceRegistry,
        CdsHookInvoker,
        FeedbackRecorder,
        JsonContentTypeGuard,
      ],
      exports: [CDS_SERVICES, FeedbackSink],
    };
  }
}

function isClass<T>(value: T | Type<T>): value is Type<T> {
  return typeof value === 'function';
}

function checkTimeout(ms: number | undefined): number {
  if (ms === undefined) {
    return DEFAULT_PREFETCH_TIMEOUT_MS;
  }
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new Error('prefetchTimeoutMs must be a positive number of milliseconds');
  }
  return ms;
}
