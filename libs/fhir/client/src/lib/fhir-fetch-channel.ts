import { channel } from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';
import { FhirRequestError } from './fhir-request-error';

/**
 * Published once per finished fetch (a read, or a search with all its pages): `{ durationMs,
 * failureKind? }`, never a URL or token. Metrics subscribe; with no subscriber it costs nothing.
 */
export const FHIR_FETCH_CHANNEL = 'pcb-cds.fhir-client.fetch';

export interface FhirFetchMessage {
  durationMs: number;
  failureKind?: string;
}

const fetchChannel = channel(FHIR_FETCH_CHANNEL);

export async function observeFetch<T>(call: () => Promise<T>): Promise<T> {
  if (!fetchChannel.hasSubscribers) {
    return call();
  }
  const started = performance.now();
  try {
    const result = await call();
    fetchChannel.publish({ durationMs: performance.now() - started } satisfies FhirFetchMessage);
    return result;
  } catch (error) {
    const failureKind = error instanceof FhirRequestError ? error.kind : 'other';
    fetchChannel.publish({ durationMs: performance.now() - started, failureKind } satisfies FhirFetchMessage);
    throw error;
  }
}
