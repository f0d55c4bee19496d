import Client from 'fhir-kit-client';
import type { Bundle, BundleLink } from 'fhir/r4';
import { isBundle } from '@pcb-cds/fhir-r4';
import { BoundedDispatcher } from './bounded-dispatcher';
import type { ExpectedAnswer } from './expected-answer';
import { checkAnswer, describeQuery, expectedAnswerOf } from './expected-answer';
import { observeFetch } from './fhir-fetch-channel';
import type { FhirConnections } from './fhir-connections';
import { defaultFhirConnections } from './fhir-connections';
import { FhirRequestError } from './fhir-request-error';
import { isBelowBase, parseAbsoluteUrl, parseBaseUrl, resolveBelowBase } from './fhir-urls';
import type { FhirResponseLimits } from './response-limits';
import { checkResponseLimits, ResponseByteBudget } from './response-limits';
import { httpStatusOf, refusalToFhirRequestError, toFhirRequestError } from './to-fhir-request-error';

/** A FHIR resource as plain JSON: callers get the server's JSON untouched (no class instances). */
export interface FhirResourceJson {
  resourceType: string;
  id?: string;
  [key: string]: unknown;
}

export interface FhirRestClientOptions {
  /** The FHIR base URL (e.g. a CDS Hooks request's `fhirServer`). */
  baseUrl: string;
  /**
   * Sent as `Authorization: Bearer …` only when given, and only to `baseUrl`'s server (redirects are not
   * followed, paging links that leave the server are refused). Never logged nor put into errors.
   */
  accessToken?: string;
  /** Aborts every call of this client; lets a caller put several clients/calls under one deadline. */
  signal?: AbortSignal;
  /** Deadline of each `get()` call, pages included. Applies together with `signal`: the first to fire wins. */
  timeoutMs?: number;
  /** Upper bound on the pages followed for one search; beyond it the search fails rather than being cut short. */
  maxPages?: number;
  /**
   * Byte limits on the answers: `maxResponseBytes` per response (default 4 MiB), `maxTotalBytes` for all calls of
   * this client together (default: none, as a long-lived client of a script would trip it; the CDS Hooks module
   * sets one and creates a client per hook request). Past a limit → FhirRequestError `too-large`.
   */
  limits?: Partial<FhirResponseLimits>;
  /** The keep-alive connections to use, shared across clients; default: one process-wide set. */
  connections?: FhirConnections;
}

export const DEFAULT_FHIR_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_PAGES = 50;

/** Statuses of a read that mean "there is no such resource", i.e. no data rather than a failure. */
const NO_DATA_STATUSES = new Set([404, 410]);
const PAGED_BUNDLE_TYPES = new Set(['searchset', 'history']);
/** RFC 6750 b64token, loosened to any visible ASCII: opaque tokens vary, but never contain spaces or controls. */
const BEARER_TOKEN = /^[\x21-\x7e]+$/;

/**
 * A small read-only FHIR REST client for prefetch-style relative URLs (`Patient/123`, `Observation?patient=123`).
 * Searches come back as ONE Bundle holding every page's entries, because callers (CDS prefetch) treat a search
 * result as the whole answer; a silently truncated search would be wrong clinical data. Every answer is checked
 * against what its URL asked for (see expected-answer.ts), and every body is counted against byte limits while
 * it streams.
 */
export class FhirRestClient {
  private readonly baseUrl: URL;
  private readonly timeoutMs: number;
  private readonly maxPages: number;
  private readonly connections: FhirConnections;
  /** Shared by every call of this client: the per-client (per hook request) byte total. */
  private readonly budget: ResponseByteBudget;

  constructor(private readonly options: FhirRestClientOptions) {
    this.baseUrl = parseBaseUrl(options.baseUrl);
    if (options.accessToken !== undefined && !BEARER_TOKEN.test(options.accessToken)) {
      // fetch would refuse it later with an error quoting the header, i.e. the token.
      throw new TypeError('FHIR access token must be visible ASCII characters without spaces');
    }
    this.timeoutMs = options.timeoutMs ?? DEFAULT_FHIR_TIMEOUT_MS;
    this.maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
    this.budget = new ResponseByteBudget(checkResponseLimits({ maxTotalBytes: Number.MAX_SAFE_INTEGER, ...options.limits }));
    this.connections = options.connections ?? defaultFhirConnections();
  }

  /**
   * GET a relative URL. A read answered 404/410 → `null` (no data). A search → one Bundle with all pages.
   * @throws FhirRequestError for every failure; TypeError when `relativeUrl` is not a safe relative URL.
   */
  async get(relativeUrl: string): Promise<FhirResourceJson | null> {
    const target = resolveBelowBase(this.baseUrl, relativeUrl);
    const read = isRead(target, this.baseUrl);
    const expected = expectedAnswerOf(target, this.baseUrl);
    return this.withDeadline(describeQuery(expected), async (client, signal) => {
      let data: unknown;
      try {
        data = await client.request(target.href);
      } catch (error) {
        if (read && NO_DATA_STATUSES.has(httpStatusOf(error) ?? 0)) {
          return null;
        }
        throw toFhirRequestError(error, signal);
      }
      const resource = asResource(data);
      checkAnswer(expected, resource);
      return expected.interaction !== 'read' && isPagedBundle(resource)
        ? ((await this.followPages(client, signal, resource, pageExpectation(expected, resource))) as unknown as FhirResourceJson)
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
    const expected = this.searchOf(bundle);
    return this.withDeadline(describeQuery(expected), (client, signal) => this.followPages(client, signal, bundle, expected));
  }

  /** The search a Bundle answered, from its `self` link when that is below the base URL (for error messages). */
  private searchOf(bundle: Bundle): ExpectedAnswer {
    const self = parseAbsoluteUrl((bundle.link ?? []).find((l) => l?.relation === 'self')?.url ?? '');
    const expected = self && isBelowBase(self, this.baseUrl) ? expectedAnswerOf(self, this.baseUrl) : undefined;
    return expected?.interaction === 'search' ? expected : { interaction: 'search' };
  }

  /**
   * Every fetch is timed and its outcome published on FHIR_FETCH_CHANNEL (for metrics); a failure names `query`
   * (words, no URL) so that the caller's error says which query failed.
   */
  private withDeadline<T>(query: string, call: (client: Client, signal: AbortSignal) => Promise<T>): Promise<T> {
    return observeFetch(async () => {
      try {
        return await this.callWithDeadline(call);
      } catch (error) {
        throw error instanceof FhirRequestError ? error.forQuery(query) : error;
      }
    });
  }

  private async callWithDeadline<T>(call: (client: Client, signal: AbortSignal) => Promise<T>): Promise<T> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = this.options.signal ? AbortSignal.any([this.options.signal, timeout]) : timeout;
    if (signal.aborted) {
      throw new FhirRequestError('timeout', 'FHIR request cancelled before it started');
    }
    // A fhir-kit-client per call, so that this call's signal and dispatcher sit in the base request options of
    // every request it makes, pages included.
    const dispatcher = new BoundedDispatcher(this.connections, this.budget);
    const client = new Client({
      baseUrl: this.baseUrl.href,
      // `manual`: a redirect is answered as the 3xx it is (→ FhirRequestError http) instead of being followed
      // to a server nobody checked. fetch drops the Authorization header on a cross-origin redirect, but the
      // request itself would still go there (SSRF).
      // `dispatcher`: the shared keep-alive pool, behind the byte limits (fetch honours it from the Request).
      requestOptions: { signal, redirect: 'manual', dispatcher },
      // The byte limits count the body as it arrives; a compressed body would expand after being counted.
      customHeaders: { 'accept-encoding': 'identity' },
      ...(this.options.accessToken ? { bearerToken: this.options.accessToken } : {}),
    });
    try {
      return await call(client, signal);
    } catch (error) {
      throw dispatcher.refusal ? refusalToFhirRequestError(dispatcher.refusal) : error;
    }
  }

  private async followPages(client: Client, signal: AbortSignal, first: Bundle, expected: ExpectedAnswer): Promise<Bundle> {
    const pages: Bundle[] = [first];
    const visited = new Set<string>();
    for (let current = pages[0], link = nextLink(current); link; link = nextLink(current)) {
      if (pages.length >= this.maxPages) {
        throw new FhirRequestError('incomplete', `Search has more than ${this.maxPages} pages`);
      }
      const next = parseAbsoluteUrl(link);
      if (!next || !isBelowBase(next, this.baseUrl) || visited.has(next.href)) {
        // Following it would send the access token elsewhere, or loop forever.
        throw new FhirRequestError('incomplete', 'Search paging link leaves the FHIR server or loops');
      }
      visited.add(next.href);
      let data: unknown;
      try {
        // The checked URL itself, not the link text: what was checked is what is fetched.
        data = await client.request(next.href);
      } catch (error) {
        throw toFhirRequestError(error, signal);
      }
      const page = asResource(data);
      checkAnswer(expected, page);
      if (!isBundle(page)) {
        throw new FhirRequestError('unexpected-resource', 'FHIR server answered a paging link with something that is not a Bundle', {
          status: 200,
        });
      }
      pages.push(page);
      current = page;
    }
    return mergePages(pages);
  }
}

/** `Type/id` (or `Type/id/_history/v`) below the base, without a query: a read, whose 404 means "no data". */
function isRead(target: URL, base: URL): boolean {
  if (target.search !== '') {
    return false;
  }
  const basePath = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  const segments = target.pathname.slice(basePath.length).split('/');
  return segments.length >= 2 && segments[1] !== '' && !/^[_$]/.test(segments[1]);
}

/** Pages of a search are searchset Bundles; so are the pages of an operation whose first page was one. */
function pageExpectation(expected: ExpectedAnswer, first: Bundle): ExpectedAnswer {
  return expected.interaction === 'search' || first.type !== 'searchset' ? expected : { interaction: 'search' };
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
