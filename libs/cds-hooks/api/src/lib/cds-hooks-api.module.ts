import type { DynamicModule, Provider, Type } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';
import type { CdsService } from '@pcb-cds/cds-hooks-model';
import { CardLedger, CardMemory, CDS_SERVICES, FeedbackSink } from '@pcb-cds/cds-hooks-model';
import type { CdsHooksApiAsyncOptions, CdsHooksApiOptions, CdsHooksRuntimeOptions } from './cds-hooks-api.options';
import { CDS_HOOKS_RUNTIME_OPTIONS } from './cds-hooks-api.options';
import { CdsHookInvoker } from './cds-hook-invoker.service';
import { CDS_RATE_LIMIT_STORAGE, CdsRateLimitGuard } from './cds-rate-limit.guard';
import { CdsServiceRegistry } from './cds-service.registry';
import { CdsServicesController } from './cds-services.controller';
import { FeedbackController } from './feedback.controller';
import { FeedbackRecorder } from './feedback-recorder.service';
import { HookBodyReader } from './hook-body-reader';
import { HookController } from './hook.controller';
import { JsonContentTypeGuard } from './json-content-type.guard';
import { LoggingFeedbackSink } from './logging-feedback.sink';
import { FhirRestPrefetchFetchers, PREFETCH_FETCHER_FACTORY } from './prefetch-fetcher';
import { toRuntimeOptions } from './runtime-options';

/**
 * The CDS Hooks 2.0 endpoints for the services the app registers:
 *
 *   CdsHooksApiModule.register({ services: [new MyService()] | [MyServiceClass], feedbackSink?, cardLedger?,
 *     prefetchTimeoutMs?, hookDeadlineMs?, fhirServerAllowlist?, rateLimit? })
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
    const runtime: CdsHooksRuntimeOptions = toRuntimeOptions(options);
    const storage = runtime.rateLimit === false ? undefined : runtime.rateLimit.storage;
    const sink = options.feedbackSink ?? LoggingFeedbackSink;
    const ledger = options.cardLedger;
    const ledgerProvider: Provider[] = !ledger
      ? []
      : [isClass(ledger) ? { provide: CardLedger, useClass: ledger } : { provide: CardLedger, useValue: ledger }];
    return {
      module: CdsHooksApiModule,
      imports: options.imports ?? [],
      controllers: [CdsServicesController, HookController, FeedbackController],
      providers: [
        ...serviceProviders,
        { provide: CDS_HOOKS_RUNTIME_OPTIONS, useValue: runtime },
        // A class provider, so that Nest closes its FHIR connections at shutdown.
        FhirRestPrefetchFetchers,
        { provide: PREFETCH_FETCHER_FACTORY, useFactory: (f: FhirRestPrefetchFetchers) => f.create, inject: [FhirRestPrefetchFetchers] },
        // A class provider when it is ours, so that Nest calls its shutdown hook (it holds a sweep timer).
        storage
          ? { provide: CDS_RATE_LIMIT_STORAGE, useValue: storage }
          : { provide: CDS_RATE_LIMIT_STORAGE, useClass: ThrottlerStorageService },
        isClass(sink) ? { provide: FeedbackSink, useClass: sink } : { provide: FeedbackSink, useValue: sink },
        ...ledgerProvider,
        ...(options.cardMemory ? [{ provide: CardMemory, useValue: options.cardMemory }] : []),
        CdsServiceRegistry,
        CdsHookInvoker,
        CdsRateLimitGuard,
        FeedbackRecorder,
        HookBodyReader,
        JsonContentTypeGuard,
      ],
      exports: [CDS_SERVICES, FeedbackSink],
    };
  }
}

function isClass<T>(value: T | Type<T>): value is Type<T> {
  return typeof value === 'function';
}
