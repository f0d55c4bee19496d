import type { Bundle } from 'fhir/r4';
import type { FhirResourceJson } from '@pcb-cds/cds-hooks-model';
import { FhirRestClient } from '@pcb-cds/fhir-client';

/** What prefetch resolution needs from a FHIR client; `FhirRestClient` is the production one. */
export interface PrefetchFetcher {
  get(relativeUrl: string): Promise<FhirResourceJson | null>;
  completeSearchBundle(bundle: Bundle): Promise<Bundle>;
}

export type CreatePrefetchFetcher = (options: {
  baseUrl: string;
  accessToken?: string;
  signal: AbortSignal;
  timeoutMs: number;
}) => PrefetchFetcher;

/** Nest token for the factory, so an app or a test can swap the FHIR client. */
export const PREFETCH_FETCHER_FACTORY = Symbol('PREFETCH_FETCHER_FACTORY');

export const createFhirRestPrefetchFetcher: CreatePrefetchFetcher = (options) => new FhirRestClient(options);
