import type { OnApplicationShutdown } from '@nestjs/common';
import { Inject, Injectable } from '@nestjs/common';
import type { Bundle } from 'fhir/r4';
import type { FhirResourceJson } from '@pcb-cds/cds-hooks-model';
import { DEFAULT_FHIR_RESPONSE_LIMITS, FhirConnections, FhirRestClient } from '@pcb-cds/fhir-client';
import type { CdsHooksRuntimeOptions } from './cds-hooks-api.options';
import { CDS_HOOKS_RUNTIME_OPTIONS } from './cds-hooks-api.options';

/** What prefetch resolution needs from a FHIR client; `FhirRestClient` is the production one. */
export interface PrefetchFetcher {
  get(relativeUrl: string): Promise<FhirResourceJson | null>;
  completeSearchBundle(bundle: Bundle): Promise<Bundle>;
}

/** Called once per hook request that needs fetching: the fetcher's byte total is that request's. */
export type CreatePrefetchFetcher = (options: {
  baseUrl: string;
  accessToken?: string;
  signal: AbortSignal;
  timeoutMs: number;
}) => PrefetchFetcher;

/** Nest token for the factory, so an app or a test can swap the FHIR client. */
export const PREFETCH_FETCHER_FACTORY = Symbol('PREFETCH_FETCHER_FACTORY');

/** A FhirRestClient with the process-wide connections and the default byte limits, total included (scripts, tests). */
export const createFhirRestPrefetchFetcher: CreatePrefetchFetcher = (options) =>
  new FhirRestClient({ ...options, limits: DEFAULT_FHIR_RESPONSE_LIMITS });

/**
 * The module's production factory: one FhirRestClient per hook request (its own byte total), all of them over
 * the module's keep-alive connections, which are closed when the app shuts down.
 */
@Injectable()
export class FhirRestPrefetchFetchers implements OnApplicationShutdown {
  private readonly connections = new FhirConnections();

  constructor(@Inject(CDS_HOOKS_RUNTIME_OPTIONS) private readonly options: CdsHooksRuntimeOptions) {}

  readonly create: CreatePrefetchFetcher = (options) =>
    new FhirRestClient({ ...options, connections: this.connections, limits: this.options.fhirResponseLimits });

  onApplicationShutdown(): Promise<void> {
    return this.connections.close();
  }
}
