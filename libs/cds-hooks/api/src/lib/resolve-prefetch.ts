import type { FhirResourceJson, HookRequest } from '@pcb-cds/cds-hooks-model';
import { isFhirRequestError } from '@pcb-cds/fhir-client';
import { isOperationOutcome } from '@pcb-cds/fhir-r4';
import { FhirServerAllowlist } from './fhir-server-allowlist';
import type { CreatePrefetchFetcher } from './prefetch-fetcher';
import type { PrefetchStep } from './plan-prefetch';
import { planPrefetch } from './plan-prefetch';
import type { PrefetchFailure } from './prefetch-unavailable.error';
import { PrefetchUnavailableError } from './prefetch-unavailable.error';

export interface ResolvedPrefetch {
  /** Every template key (resource, Bundle or null) plus any extra keys the client sent, untouched. */
  prefetch: Record<string, FhirResourceJson | null>;
  /** Keys the client answered with an OperationOutcome: `null` here means "unknown", not "none". */
  unavailableKeys: string[];
}

export interface ResolvePrefetchOptions {
  /** ONE deadline for all fetches of this request together, not per fetch. */
  timeoutMs: number;
  createFetcher: CreatePrefetchFetcher;
  /** Servers fetches may go to; default: unrestricted. */
  fhirServers?: FhirServerAllowlist;
  /** The caller's own deadline (the whole hook call): aborts pending fetches when it fires first. */
  signal?: AbortSignal;
}

type NetworkStep = Extract<PrefetchStep, { kind: 'fetch' | 'complete' }>;

/**
 * Gives the service every prefetch key of its templates:
 * - sent by the client → used as is; sent as `null` → stays `null`, never fetched;
 * - not sent → fetched from `fhirServer` with `fhirAuthorization.access_token`, all keys in parallel under
 *   one deadline, provided `fhirServer` is on the allowlist (checked before any request; the canonical form
 *   that was checked is the base URL that is fetched); a template whose tokens this context cannot fill (e.g.
 *   `{{userPractitionerRoleId}}` when the user is a Practitioner, or an absent optional context field) has
 *   nothing to fetch and becomes `null`;
 * - a search Bundle sent with a `next` link and fewer entries than `total` → its remaining pages are fetched;
 * - a resource sent that does not answer the template's query (a Patient for a search, a Bundle of type
 *   collection, another patient) → PrefetchUnavailableError `malformed-prefetch`, nothing fetched;
 * - an OperationOutcome sent instead of data → `null` and listed in `unavailableKeys`. Policy: the spec asks
 *   clients to send it precisely so that services do not repeat a failed query, so it is not re-fetched; but
 *   it is not "no data" either, so the service (via `unavailablePrefetchKeys`) and the client (via a response
 *   extension) are told the guidance was computed without it.
 * @throws PrefetchUnavailableError when anything that must be fetched cannot be (no fhirServer, one not on the
 *   allowlist, unreachable, timeout, HTTP error, non-FHIR answer, or an OperationOutcome answered by the
 *   server): the caller answers 412.
 */
export async function resolvePrefetch(
  request: HookRequest,
  templates: Readonly<Record<string, string>> | undefined,
  options: ResolvePrefetchOptions,
): Promise<ResolvedPrefetch> {
  const steps = planPrefetch(templates, request.prefetch, request.context);
  const malformed = steps.find((s): s is Extract<PrefetchStep, { kind: 'malformed' }> => s.kind === 'malformed');
  if (malformed) {
    throw new PrefetchUnavailableError([malformed.key], {
      kind: 'malformed-prefetch',
      query: malformed.query,
      mismatch: malformed.mismatch,
    });
  }
  const network = steps.filter((s): s is NetworkStep => s.kind === 'fetch' || s.kind === 'complete');
  if (network.length > 0 && !request.fhirServer) {
    throw new PrefetchUnavailableError(
      network.map((s) => s.key),
      { kind: 'no-fhir-server' },
    );
  }
  let fetched = new Map<string, FhirResourceJson | null>();
  if (network.length > 0) {
    // Checked only when something must be fetched. A request with every key prefetched is accepted whatever
    // its fhirServer: the allowlist exists to stop requests (and the token) going where they should not, and
    // then none go anywhere — while refusing it would break clients that always send their fhirServer (the
    // CDS Hooks sandbox) even when they prefetch. The token is dropped before the service sees the request.
    const server = (options.fhirServers ?? FhirServerAllowlist.unrestricted()).check(request.fhirServer as string);
    if (!server.allowed) {
      throw new PrefetchUnavailableError(
        network.map((s) => s.key),
        { kind: 'fhir-server-not-allowed' },
      );
    }
    fetched = await fetchAll(network, server.baseUrl, request.fhirAuthorization?.access_token, options);
  }

  const prefetch: Record<string, FhirResourceJson | null> = { ...(request.prefetch ?? {}) };
  const unavailableKeys: string[] = [];
  for (const step of steps) {
    switch (step.kind) {
      case 'provided':
        prefetch[step.key] = step.value;
        break;
      case 'client-error':
        unavailableKeys.push(step.key);
        prefetch[step.key] = null;
        break;
      case 'no-data':
      case 'unresolvable':
      case 'malformed': // refused above
        prefetch[step.key] = null;
        break;
      case 'fetch':
      case 'complete':
        prefetch[step.key] = fetched.get(step.key) ?? null;
        break;
    }
  }
  return { prefetch, unavailableKeys };
}

/** All network steps in parallel under one AbortController; the first failure aborts the others. */
async function fetchAll(
  steps: NetworkStep[],
  baseUrl: string,
  accessToken: string | undefined,
  options: ResolvePrefetchOptions,
): Promise<Map<string, FhirResourceJson | null>> {
  const controller = new AbortController();
  const fetcher = options.createFetcher({
    baseUrl,
    ...(accessToken ? { accessToken } : {}),
    signal: options.signal ? AbortSignal.any([controller.signal, options.signal]) : controller.signal,
    timeoutMs: options.timeoutMs,
  });
  const deadline = setTimeout(() => controller.abort(), options.timeoutMs);
  let firstFailure: { key: string; error: unknown } | undefined;
  const results = new Map<string, FhirResourceJson | null>();
  try {
    await Promise.allSettled(
      steps.map(async (step) => {
        try {
          results.set(step.key, await fetchStep(fetcher, step));
        } catch (error) {
          if (!firstFailure) {
            firstFailure = { key: step.key, error };
            controller.abort(); // the request fails anyway: stop the other fetches now
          }
        }
      }),
    );
  } finally {
    clearTimeout(deadline);
  }
  if (firstFailure) {
    const failure = toPrefetchFailure(firstFailure.error);
    if (!failure) {
      throw firstFailure.error; // a bug, not an unavailable server: let it become a 500
    }
    throw new PrefetchUnavailableError([firstFailure.key], failure);
  }
  return results;
}

class ServerOperationOutcome extends Error {}

async function fetchStep(fetcher: ReturnType<CreatePrefetchFetcher>, step: NetworkStep): Promise<FhirResourceJson | null> {
  if (step.kind === 'complete') {
    return (await fetcher.completeSearchBundle(step.bundle)) as unknown as FhirResourceJson;
  }
  const value = await fetcher.get(step.url);
  if (isOperationOutcome(value)) {
    // A 2xx OperationOutcome is the server saying it could not do the query: not data.
    throw new ServerOperationOutcome();
  }
  return value;
}

function toPrefetchFailure(error: unknown): PrefetchFailure | undefined {
  if (error instanceof ServerOperationOutcome) {
    return { kind: 'operation-outcome' };
  }
  if (isFhirRequestError(error)) {
    const { status, query, mismatch, limit } = error.details;
    // Only the fields written by the client library: no server text, URL or token reaches the 412.
    return {
      kind: error.kind,
      ...(status === undefined ? {} : { status }),
      ...(query === undefined ? {} : { query }),
      ...(mismatch === undefined ? {} : { mismatch }),
      ...(limit === undefined ? {} : { limit }),
    };
  }
  return undefined;
}
