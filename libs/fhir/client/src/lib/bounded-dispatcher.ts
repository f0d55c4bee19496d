import { Dispatcher } from 'undici';
import type { FhirConnections } from './fhir-connections';
import type { ResponseByteBudget } from './response-limits';
import { ResponseTooLargeError, UnrequestedEncodingError } from './response-limits';

/**
 * What fhir-kit-client's fetch is given as its `dispatcher` for one call (a read, or a search with its pages):
 * it sends each request over the shared keep-alive pool of the request's origin, and counts the response body
 * while it streams, aborting the request (and its connection) as soon as a limit is passed, so no more than the
 * limit is ever held. fetch (undici) calls only `dispatch` on it.
 */
export class BoundedDispatcher extends Dispatcher {
  /**
   * Why an answer of this call was refused, if one was. Kept here because what fetch rejects with does not
   * reliably carry it (undici keeps a `cause` only when it recognises it as an Error of its own realm).
   */
  refusal: Error | undefined;

  constructor(
    private readonly connections: FhirConnections,
    private readonly budget: ResponseByteBudget,
  ) {
    super();
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandlers): boolean {
    const origin = typeof options.origin === 'string' ? options.origin : (options.origin?.origin ?? '');
    return this.connections.poolFor(origin).dispatch(
      options,
      new BoundedBodyHandler(handler, this.budget, (refusal) => {
        this.refusal ??= refusal;
      }),
    );
  }
}

/**
 * Counts one response's body and passes every callback on to fetch's own handler.
 * A body over a limit is failed in two ways, because of how fetch (undici 6, in Node 20) reacts:
 * - at the headers (a Content-Length over the limit, an unrequested encoding) by throwing, which undici turns
 *   into an abort before fetch has a response: fetch rejects;
 * - in the body, by dropping the data from then on and failing the request on the next turn of the event loop.
 *   Failing it at once, in the same tick as the headers, leaves fetch's response body neither ended nor errored
 *   (the caller's `text()` would hang until its deadline). On that turn, if the transport has finished the
 *   request meanwhile, fetch's handler is told directly; else the request (and its connection) is aborted.
 */
class BoundedBodyHandler implements Dispatcher.DispatchHandlers {
  private received = 0;
  private abort: (err?: Error) => void = () => undefined;
  private failure: Error | undefined;
  private transportDone = false;
  private errorDelivered = false;

  constructor(
    private readonly inner: Dispatcher.DispatchHandlers,
    private readonly budget: ResponseByteBudget,
    private readonly refused: (refusal: Error) => void,
  ) {}

  onConnect(abort: (err?: Error) => void): void {
    this.abort = abort;
    this.inner.onConnect?.(abort);
  }

  onError(err: Error): void {
    if (!this.errorDelivered) {
      this.errorDelivered = true;
      this.inner.onError?.(err);
    }
  }

  onUpgrade(
    statusCode: number,
    headers: Buffer[] | string[] | null,
    socket: Parameters<NonNullable<Dispatcher.DispatchHandlers['onUpgrade']>>[2],
  ): void {
    this.inner.onUpgrade?.(statusCode, headers, socket);
  }

  onResponseStarted(): void {
    this.inner.onResponseStarted?.();
  }

  onComplete(trailers: string[] | null): void {
    if (this.failure) {
      this.transportDone = true; // the failure is delivered instead, on its turn
      return;
    }
    this.inner.onComplete?.(trailers);
  }

  onBodySent(chunkSize: number, totalBytesSent: number): void {
    this.inner.onBodySent?.(chunkSize, totalBytesSent);
  }

  onHeaders(statusCode: number, headers: Buffer[], resume: () => void, statusText: string): boolean {
    try {
      this.checkHeaders(statusCode, headers);
    } catch (error) {
      this.refused(error as Error);
      throw error;
    }
    return this.inner.onHeaders?.(statusCode, headers, resume, statusText) ?? true;
  }

  private checkHeaders(statusCode: number, headers: Buffer[]): void {
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
  }

  onData(chunk: Buffer): boolean {
    if (this.failure) {
      return false;
    }
    try {
      this.received += chunk.length;
      if (this.received > this.budget.limits.maxResponseBytes) {
        throw new ResponseTooLargeError('maxResponseBytes', this.budget.limits.maxResponseBytes);
      }
      this.budget.spend(chunk.length);
    } catch (error) {
      this.failure = error as Error;
      this.refused(this.failure);
      setImmediate(() => this.deliverFailure());
      return false; // pauses the socket: nothing more is read until the abort
    }
    return this.inner.onData?.(chunk) ?? true;
  }

  private deliverFailure(): void {
    const failure = this.failure as Error;
    if (this.transportDone) {
      this.onError(failure);
    } else {
      this.abort(failure); // undici then calls onError with it
    }
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
