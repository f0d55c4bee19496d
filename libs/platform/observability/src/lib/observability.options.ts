import type { ObservabilityMetrics, ObservabilityMetricsOptions } from './observability.metrics';
import type { ReadinessCheck } from './readiness-check';

export interface ObservabilityOptions extends ObservabilityMetricsOptions {
  /** Dependencies `GET /ready` checks, e.g. `{ name: 'fhir-sandbox', check: () => ping() }`. */
  readinessChecks?: ReadinessCheck[];
  /** Time allowed to each check that sets no `timeoutMs`; default 2 s. */
  readinessTimeoutMs?: number;
  /** How long one readiness result answers further probes; default 1 s (0: every probe runs the checks). */
  readinessCacheMs?: number;
  /**
   * The metrics to expose, when the app needs them before Nest builds the module (e.g. for a CardLedger it
   * passes to another module). Default: created from the options above.
   */
  metrics?: ObservabilityMetrics;
  /** A `node:diagnostics_channel` name the FHIR client publishes fetch events on (see `subscribeFhirFetchChannel`). */
  fhirFetchChannel?: string;
}

export const DEFAULT_READINESS_TIMEOUT_MS = 2_000;
export const DEFAULT_READINESS_CACHE_MS = 1_000;

export const OBSERVABILITY_OPTIONS = Symbol('OBSERVABILITY_OPTIONS');

/** The routes this library serves; none needs CDS client authentication and none returns patient data. */
export const OBSERVABILITY_ROUTES = ['/health', '/ready', '/metrics'] as const;
