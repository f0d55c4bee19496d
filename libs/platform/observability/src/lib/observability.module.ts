import type { DynamicModule, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Global, Inject, Logger, Module } from '@nestjs/common';
import { subscribeFhirFetchChannel } from './fhir-fetch.channel';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { ObservabilityMetrics } from './observability.metrics';
import type { ObservabilityOptions } from './observability.options';
import { OBSERVABILITY_OPTIONS } from './observability.options';
import { ReadinessService } from './readiness.service';
import { RequestObserver } from './request-observer';

/**
 * `GET /health`, `GET /ready`, `GET /metrics`, and the request observer:
 *
 *   imports: [ObservabilityModule.forRoot({ readinessChecks: [{ name: 'fhir', check: () => ping() }] })]
 *   // main.ts, first thing after NestFactory.create(…, { logger: new JsonLogger() }):
 *   configureObservabilityHttp(app);
 *
 * Global, so that any module can inject `ObservabilityMetrics`.
 */
@Global()
@Module({})
export class ObservabilityModule implements OnModuleInit, OnModuleDestroy, OnApplicationBootstrap {
  private readonly logger = new Logger('Observability');
  private unsubscribe?: () => void;

  constructor(
    @Inject(OBSERVABILITY_OPTIONS) private readonly options: ObservabilityOptions,
    @Inject(ObservabilityMetrics) private readonly metrics: ObservabilityMetrics,
    @Inject(RequestObserver) private readonly observer: RequestObserver,
  ) {}

  static forRoot(options: ObservabilityOptions = {}): DynamicModule {
    return {
      module: ObservabilityModule,
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: OBSERVABILITY_OPTIONS, useValue: options },
        { provide: ObservabilityMetrics, useFactory: () => options.metrics ?? new ObservabilityMetrics(options) },
        ReadinessService,
        RequestObserver,
      ],
      exports: [ObservabilityMetrics, ReadinessService, RequestObserver],
    };
  }

  onModuleInit(): void {
    if (this.options.fhirFetchChannel) {
      this.unsubscribe = subscribeFhirFetchChannel(this.options.fhirFetchChannel, this.metrics);
    }
  }

  onApplicationBootstrap(): void {
    if (!this.observer.isInstalled) {
      // Without it there are no access logs, no request metrics and no correlation ids: worth saying loudly.
      this.logger.warn('configureObservabilityHttp(app) was not called: requests are neither logged nor counted');
    }
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }
}
