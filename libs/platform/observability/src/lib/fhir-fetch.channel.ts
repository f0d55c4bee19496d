import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { FhirFetchEvent, ObservabilityMetrics } from './observability.metrics';

/**
 * Feeds `fhir_fetch_*` from a `node:diagnostics_channel` the FHIR client publishes `{ durationMs, failureKind? }`
 * on. A channel keeps the FHIR client free of any metrics dependency, and publishing costs nothing while nobody
 * subscribes. Returns the unsubscribe function.
 */
export function subscribeFhirFetchChannel(channelName: string, metrics: ObservabilityMetrics): () => void {
  const listener = (message: unknown): void => {
    const event = asFhirFetchEvent(message);
    if (event) {
      metrics.recordFhirFetch(event);
    }
  };
  subscribe(channelName, listener);
  return () => {
    unsubscribe(channelName, listener);
  };
}

function asFhirFetchEvent(message: unknown): FhirFetchEvent | undefined {
  const { durationMs, failureKind } = (message ?? {}) as { durationMs?: unknown; failureKind?: unknown };
  if (typeof durationMs !== 'number') {
    return undefined;
  }
  return typeof failureKind === 'string' ? { durationMs, failureKind } : { durationMs };
}
