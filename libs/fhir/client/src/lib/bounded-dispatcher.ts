import { Dispatcher } from 'undici';
import type { FhirConnections } from './fhir-connections';
import type { ResponseByteBudget } from './response-limits';
import { ResponseTooLargeError, UnrequestedEncodingError } from './response-limits';

/**
 * What fhir-kit-client's fetch is given as its `dispatcher`: it sends each request over the shared
 * keep-alive pool of the request's origin, and counts the response body while it streams, aborting the
 * request (and its connection) as soon as a limit is passed, so no more than the limit is ever held.
 * fetch (undici) calls only `dispatch` on it.
 */
export class BoundedDispatcher extends Dispatcher {
  constructor(
    private readonly connections: FhirConnections,
    private readonly budget: ResponseByteBudget,
  ) {
    super();
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandlers): boolean {
    const origin = typeof options.origin === 'string' ? options.origin : (options.origin?.origin ?? '');
    return this.connections.poolFor(origin).dispatch(options, new BoundedBodyHandler(handler, this.budget));
  }
}

/**
 * Counts one response's body and passes every callback on to fetch's own handler; throwing from a callback makes
 * undici abort the request with that error.
 */
class BoundedBodyHandler implements Dispatcher.DispatchHandlers {
  private received = 0;

  constructor(
    private readonly inner: Dispatcher.DispatchHandlers,
    private readonly budget: ResponseByteBudget,
  ) {}

  onConnect(abort: (err?: Error) => void): void {
    this.inner.onConnect?.(abort);
  }

  onError(err: Error): void {
    this.inner.onError?.(err);
  }

  onUpgrade(statusCode: number, headers: Buffer[] | string[] | null, socket: Parameters<NonNullable<Dispatcher.DispatchHandlers['onUpgrade']>>[2]): void {
    this.inner.onUpgrade?.(statusCode, headers, socket);
  }

  onResponseStarted(): void {
    this.inner.onResponseStarted?.();
  }

  onComplete(trailers: string[] | null): void {
    this.inner.onComplete?.(trailers);
  }

  onBodySent(chunkSize: number, totalBytesSent: number): void {
    this.inner.onBodySent?.(chunkSize, totalBytesSent);
  }

  onHeaders(statusCode: number, headers: Buffer[], resume: () => void, statusText: string): boolean {
    if (statusCode >= 200) {
      const declared = headerValue(headers, 'content-length');
      const length = declared === undefined ? NaN : Number(declared);
      // Refused before a byte of the body is read when the server says up front that it will not fit.
      if (length > this.budget.limits.maxResponseBytes) {
        throw new ResponseTooLargeError('maxResponseBytes', this.budget.limits.maxResponseBytes);
      }
      if (length > 0 && !this.budget.fits(length)) {
        throw new ResponseTooLargeError('maxTotalBytes', this.budget.limits.maxTotalBytes);
      }
      const encoding = headerValue(headers, 'content-encoding')?.trim().toLowerCase();
      if (encoding && encoding !== 'identity') {
        throw new UnrequestedEncodingError('FHIR server answered with a compressed body although asked for identity');
      }
    }
    return this.inner.onHeaders?.(statusCode, headers, resume, statusText) ?? true;
  }

  onData(chunk: Buffer): boolean {
    this.received += chunk.length;
    if (this.received > this.budget.limits.maxResponseBytes) {
      throw new ResponseTooLargeError('maxResponseBytes', this.budget.limits.maxResponseBytes);
    }
    this.budget.spend(chunk.length);
    return this.inner.onData?.(chunk) ?? true;
  }
}

/** The value of a header in undici's raw form (`[name, value, name, value, …]`); repeated ones joined. */
function headerValue(headers: Buffer[] | string[], name: string): string | undefined {
  const values: string[] = [];
  for (let i = 0; i + 1 < headers.length; i += 2) {
    if (headers[i].toString().toLowerCase() === name) {
      values.push(headers[i + 1].toString());
    }
  }
  return values.length > 0 ? values.join(',') : undefined;
}
