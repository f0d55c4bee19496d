export { cardsEmittedLedger } from './lib/cards-emitted.ledger';
export type { CardsLedgerLike, IssuedCardsLike } from './lib/cards-emitted.ledger';
export { configureObservabilityHttp } from './lib/configure-observability-http';
export { subscribeFhirFetchChannel } from './lib/fhir-fetch.channel';
export { DEFAULT_CLOSER_TIMEOUT_MS, DEFAULT_DRAIN_TIMEOUT_MS, enableGracefulShutdown } from './lib/graceful-shutdown';
export type { GracefulShutdown, GracefulShutdownOptions, ShutdownCloser, SignalSource } from './lib/graceful-shutdown';
export { HealthController } from './lib/health.controller';
export { JsonLogger } from './lib/json.logger';
export type { JsonLoggerOptions, JsonLogLine } from './lib/json.logger';
export { DEFAULT_MAX_SERVICE_LABELS, ServiceLabeler } from './lib/label-values';
export type { ServiceLabelOptions } from './lib/label-values';
export { MetricsController } from './lib/metrics.controller';
export { FHIR_FETCH_DURATION_BUCKETS, ObservabilityMetrics, REQUEST_DURATION_BUCKETS } from './lib/observability.metrics';
export type {
  CardLedgerBacklog,
  CardRuleExtractor,
  FhirFetchEvent,
  ObservabilityMetricsOptions,
  RequestObservation,
} from './lib/observability.metrics';
export { ObservabilityModule } from './lib/observability.module';
export { MAX_UNRECOGNISED_CODE_SERIES, unrecognisedCodesRecorder } from './lib/unrecognised-codes.metrics';
export type { UnrecognisedCode } from './lib/unrecognised-codes.metrics';
export {
  DEFAULT_READINESS_CACHE_MS,
  DEFAULT_READINESS_TIMEOUT_MS,
  OBSERVABILITY_OPTIONS,
  OBSERVABILITY_ROUTES,
} from './lib/observability.options';
export type { ObservabilityOptions } from './lib/observability.options';
export type { ReadinessCheck, ReadinessCheckResult, ReadinessCheckStatus, ReadinessReport } from './lib/readiness-check';
export { ReadinessService } from './lib/readiness.service';
export { REDACTED, redactLogText, redactLogValue } from './lib/redact-log-text';
export {
  createRequestContext,
  currentCorrelationId,
  currentRequestContext,
  hookInstanceOf,
  runWithRequestContext,
} from './lib/request-context';
export type { RequestContext } from './lib/request-context';
export { REQUEST_ID_HEADER, RequestObserver, routePattern, UNMATCHED_ROUTE } from './lib/request-observer';
export { labelRoute } from './lib/route-label';
export { GovernanceMetrics } from './lib/governance.metrics';
export type { GovernanceCardCount, GovernanceMetricsOptions } from './lib/governance.metrics';
