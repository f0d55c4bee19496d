import type { FhirResourceJson, HookContext } from '@pcb-cds/cds-hooks-model';
import type { CreatePrefetchFetcher } from './prefetch-fetcher';
import { createFhirRestPrefetchFetcher } from './prefetch-fetcher';
import { resolvePrefetch } from './resolve-prefetch';

export interface BuildPrefetchOptions {
  /** The FHIR server that answers the templates. */
  fhirBaseUrl: string;
  /** One deadline for all the fetches together; default 30 s. */
  timeoutMs?: number;
  /** Default: a FhirRestClient with the default byte limits. */
  createFetcher?: CreatePrefetchFetcher;
}

export const DEFAULT_BUILD_PREFETCH_TIMEOUT_MS = 30_000;

/**
 * The prefetch an EHR would send for `context`: every template's tokens filled and its query fetched from
 * `fhirBaseUrl` exactly as the service fetches a key a client left out (resolvePrefetch: the same token
 * substitution, every page of a search, a read answered 404/410 → `null`, a template this context cannot fill
 * → `null`). Test stacks, the bench and the load test build their requests with it, so what they send is what
 * the service would have fetched.
 * @throws PrefetchUnavailableError naming the key whose fetch failed.
 */
export async function buildPrefetch(
  templates: Readonly<Record<string, string>>,
  context: HookContext,
  options: BuildPrefetchOptions,
): Promise<Record<string, FhirResourceJson | null>> {
  const { prefetch } = await resolvePrefetch(
    { hook: 'prefetch', hookInstance: 'prefetch', fhirServer: options.fhirBaseUrl, context },
    templates,
    {
      timeoutMs: options.timeoutMs ?? DEFAULT_BUILD_PREFETCH_TIMEOUT_MS,
      createFetcher: options.createFetcher ?? createFhirRestPrefetchFetcher,
    },
  );
  return prefetch;
}
