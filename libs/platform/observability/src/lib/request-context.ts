import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What every log line of a request can see. */
export interface RequestContext {
  /** Generated for every request; the correlation id when the request carries no usable hookInstance. */
  readonly requestId: string;
  /** The correlation id: the CDS Hooks `hookInstance` once the body is parsed, else `requestId`. */
  readonly correlationId: string;
}

/**
 * Body parsers run after the request context is entered (so that their failures are observed too), so the
 * correlation id is read lazily from whatever `body` holds at the time it is asked for.
 */
interface RequestLike {
  body?: unknown;
}

/**
 * A CDS Hooks hookInstance is a UUID; anything else a client sends is not trusted into logs and headers
 * (no control characters, no newlines, bounded length).
 */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

const storage = new AsyncLocalStorage<RequestContext>();

export function hookInstanceOf(body: unknown): string | undefined {
  const value = (body as { hookInstance?: unknown } | null | undefined)?.hookInstance;
  return typeof value === 'string' && SAFE_ID.test(value) ? value : undefined;
}

export function createRequestContext(req: RequestLike, requestId: string = randomUUID()): RequestContext {
  return {
    requestId,
    get correlationId(): string {
      return hookInstanceOf(req.body) ?? requestId;
    },
  };
}

/** Runs `fn` (and everything it starts asynchronously) inside the request's context. */
export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** The correlation id of the request being served, or undefined outside any request. */
export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}
