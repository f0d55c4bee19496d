import Client from 'fhir-kit-client';
import type { Bundle, BundleLink } from 'fhir/r4';
import { isBundle, isOperationOutcome } from '@pcb-cds/fhir-r4';
import { FhirRequestError } from './fhir-request-error';

/** A FHIR resource as plain JSON: callers get the server's JSON untouched (no class instances). */
export interface FhirResourceJson {
  resourceType: string;
  id?: string;
  [key: string]: unknown;
}

export interface FhirRestClientOptions {
  /** The FHIR base URL (e.g. a CDS Hooks request's `fhirServer`). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …` only when given. Never logged nor put into errors. */
  accessToken?: string;
  /** Aborts every call of this client; lets a caller put several clients/calls under one deadline. */
  signal?: AbortSignal;
  /** Deadline of each `get()` call, pages included. Applies together with `signal`: the first to fire wins. */
  timeoutMs?: number;
  /** Upper bound on the pages followed for one search; beyond it the search fails rather than being cut short. */
  maxPages?: number;
}

export const DEFAULT_FHIR_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_PAGES = 50;

/** Statuses of a read that mean "there is no such resource", i.e. no data rather than a failure. */
const NO_DATA_STATUSES = new Set([404, 410]);
const PAGED_BUNDLE_TYPES = new Set(['searchset', 'history']);

/**
 * A small read-only FHIR REST client for prefetch-style relative URLs (`Patient/123`, `Observation?patient=123`).
 * Searches come back as ONE Bundle holding every page's entries, because callers (CDS prefetch) treat a search
 * result as the whole answer; a silently truncated search would be wrong clinical data.
 */
export class FhirRestClient {
  private readonly baseUrl: URL;
  private readonly timeoutMs: number;
  private readonly maxPages: number;

  constructor(private readonly options: FhirRestClientOptions) {
    this.baseUrl = parseBaseUrl(options.baseUrl);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_FHIR_TIMEOUT_MS;
    this.maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  }

  /**
   * GET a relative URL. A read answered 404/410 → `null` (no data). A search → one Bundle with all pages.
   * @throws FhirRequestError for every failure; TypeError when `relativeUrl` is not a safe relative URL.
   */
  async get(relativeUrl: string): Promise<FhirResourceJson | null> {
    const path = checkRelativeUrl(relativeUrl);
    return this.withDeadline(async (client, signal) => {
      let data: unknown;
      try {
        data = await client.request(path);
      } catch (error) {
        if (isRead(path) && NO_DATA_STATUSES.has(httpStatusOf(error) ?? 0)) {
          return null;
        }
        throw toFhirRequestError(error, signal);
      }
      const resource = asResource(data);
      return isPagedBundle(resource)
        ? ((await this.followPages(client, signal, resource)) as unknown as FhirResourceJson)
        : resource;
    });
  }

  /**
   * Completes a search Bundle obtained elsewhere (e.g. a paginated CDS Hooks prefetch value) by following its
   * `next` links on this server. Returns it unchanged when it has no `next` link.
   */
  async completeSearchBundle(bundle: Bundle): Promise<Bundle> {
    if (!nextLink(bundle)) {
      return bundle;
    }
    return this.withDeadline((client, signal) => this.followPages(client, signal, bundle));
  }

  private async withDeadline<T>(call: (client: Client, signal: AbortSignal) => Promise<T>): Promise<T> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = this.options.signal ? AbortSignal.any([this.options.signal, timeout]) : timeout;
    if (signal.aborted) {
      throw new FhirRequestError('timeout', 'FHIR request cancelled before it started');
    }
    // A fhir-kit-client per call: its `nextPage()` forwards only headers, so the signal must sit in the
    // client's base request options to reach page requests too.
    const client = new Client({
      baseUrl: this.baseUrl.href,
      requestOptions: { signal },
      ...(this.options.accessToken ? { bearerToken: this.options.accessToken } : {}),
    });
    return call(client, signal);
  }

  private async followPages(client: Client, signal: AbortSignal, first: Bundle): Promise<Bundle> {
    const pages: Bundle[] = [first];
    const visited = new Set<string>();
    for (let current = pages[0], next = nextLink(current); next; next = nextLink(current)) {
      if (pages.length >= this.maxPages) {
        throw new FhirRequestError('incomplete', `Search has more than ${this.maxPages} pages`);
      }
      if (!this.isOnThisServer(next) || visited.has(next)) {
        // Following it would send the access token elsewhere, or loop forever.
        throw new FhirRequestError('incomplete', 'Search paging link leaves the FHIR server or loops');
      }
      visited.add(next);
      let data: unknown;
      try {
        data = await client.nextPage({ bundle: current as never });
      } catch (error) {
        throw toFhirRequestError(error, signal);
      }
      const page = asResource(data);
      if (!isBundle(page)) {
        throw new FhirRequestError('not-fhir', 'Search page is not a Bundle');
      }
      pages.push(page);
      current = page;
    }
    return mergePages(pages);
  }

  private isOnThisServer(url: string): boolean {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return false;
    }
    const basePath = this.baseUrl.pathname.endsWith('/') ? this.baseUrl.pathname : `${this.baseUrl.pathname}/`;
    return target.origin === this.baseUrl.origin && `${target.pathname}/`.startsWith(basePath);
  }
}

function parseBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError('FHIR base URL must be an absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError('FHIR base URL must use http or https');
  }
  return url;
}

/**
 * Only relative URLs below the base URL: an absolute URL or a `..` segment would send the access token to
 * another server or another endpoint than the one the caller was granted.
 */
function checkRelativeUrl(relativeUrl: string): string {
  const path = relativeUrl.replace(/^\/+/, '');
  const pathPart = path.split(/[?#]/, 1)[0];
  if (!path || /^[a-z][a-z0-9+.-]*:/i.test(relativeUrl) || relativeUrl.startsWith('//')) {
    throw new TypeError('FHIR request URL must be a non-empty relative URL');
  }
  if (pathPart.split('/').some((segment) => segment === '.' || segment === '..' || /^%2e(%2e)?$/i.test(segment))) {
    throw new TypeError('FHIR request URL must not contain dot segments');
  }
  return path;
}

/** `Type/id` (or `Type/id/_history/v`) without a query: a read, whose 404 means "no data". */
function isRead(path: string): boolean {
  if (path.includes('?')) {
    return false;
  }
  const segments = path.split('/');
  return segments.length >= 2 && segments[1] !== '' && !/^[_$]/.test(segments[1]);
}

function asResource(data: unknown): FhirResourceJson {
  if (typeof data !== 'object' || data === null || typeof (data as { resourceType?: unknown }).resourceType !== 'string') {
    throw new FhirRequestError('not-fhir', 'FHIR server answered with something that is not a FHIR resource');
  }
  return data as FhirResourceJson;
}

function isPagedBundle(resource: FhirResourceJson): resource is FhirResourceJson & Bundle {
  return isBundle(resource) && PAGED_BUNDLE_TYPES.has(resource.type) && nextLink(resource) !== undefined;
}

function nextLink(bundle: Bundle): string | undefined {
  const links: BundleLink[] = Array.isArray(bundle.link) ? bundle.link : [];
  const url = links.find((l) => l?.relation === 'next')?.url;
  return typeof url === 'string' && url !== '' ? url : undefined;
}

/** One Bundle: the first page's metadata, every page's entries, and no paging links left to follow. */
function mergePages(pages: Bundle[]): Bundle {
  const [first] = pages;
  const entry = pages.flatMap((page) => page.entry ?? []);
  const link = (first.link ?? []).filter((l) => l.relation === 'self');
  const merged: Bundle = { ...first, entry };
  if (link.length > 0) {
    merged.link = link;
  } else {
    delete merged.link;
  }
  return merged;
}

/** fhir-kit-client rejects with `{ response: { status, data } }` when the server answered. */
function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { response?: { status?: unknown } } | null)?.response?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Maps whatever fetch/fhir-kit-client threw to a FhirRequestError. The original error is deliberately not
 * kept as `cause`: fhir-kit-client's error objects carry the request configuration and the server's body.
 */
function toFhirRequestError(error: unknown, signal: AbortSignal): FhirRequestError {
  if (error instanceof FhirRequestError) {
    return error;
  }
  if (signal.aborted) {
    return new FhirRequestError('timeout', 'FHIR request timed out or was cancelled');
  }
  const status = httpStatusOf(error);
  if (status !== undefined) {
    const data = (error as { response: { data?: unknown } }).response.data;
    if (status >= 200 && status < 300) {
      // fhir-kit-client throws on a success whose body is not JSON (an HTML login page, a proxy's text).
      return new FhirRequestError('not-fhir', `FHIR server answered ${status} with a body that is not JSON`, { status });
    }
    return new FhirRequestError('http', `FHIR server answered HTTP ${status}`, {
      status,
      ...(isOperationOutcome(data) ? { outcome: data } : {}),
    });
  }
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  const reason = typeof code === 'string' && /^[A-Z_]+$/.test(code) ? ` (${code})` : '';
  return new FhirRequestError('unreachable', `FHIR server unreachable${reason}`);
}
