// What other projects use of observability; everything else stays inside the library.
export { cardsEmittedLedger } from './lib/cards-emitted.ledger';
export { configureObservabilityHttp } from './lib/configure-observability-http';
export { DEFAULT_CLOSER_TIMEOUT_MS, DEFAULT_DRAIN_TIMEOUT_MS, enableGracefulShutdown } from './lib/graceful-shutdown';
export type { ShutdownCloser } from './lib/graceful-shutdown';
export { GovernanceMetrics } from './lib/governance.metrics';
export { JsonLogger } from './lib/json.logger';
export { ObservabilityMetrics } from './lib/observability.metrics';
export { ObservabilityModule } from './lib/observability.module';
export type { ObservabilityOptions } from './lib/observability.options';
export type { ReadinessCheck } from './lib/readiness-check';
export { labelRoute } from './lib/route-label';
export { unrecognisedCodesRecorder } from './lib/unrecognised-codes.metrics';
export type { UnrecognisedCode } from './lib/unrecognised-codes.metrics';
