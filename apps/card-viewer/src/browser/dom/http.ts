import type { FailureTarget } from '../core/util/describe-failure.js';
import { httpFailureMessage, unreachableMessage } from '../core/util/describe-failure.js';

/** A call that failed, with a sentence for the reader that names the server at fault. */
export class RequestFailure extends Error {
  constructor(
    readonly target: FailureTarget,
    readonly status: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'RequestFailure';
  }
}

export interface JsonRequest {
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  contentType?: string;
  target: FailureTarget;
  /** Whether the call goes through the viewer's proxy (which answers 502/504 for a CDS service that is down). */
  viaProxy?: boolean;
  /** Extra headers (the viewer's access token, for its own server only). */
  headers?: Record<string, string>;
}

const TIMEOUT_MS = 30_000;

/** fetch + JSON with failures turned into RequestFailure: unreachable, non-2xx (quoting an OperationOutcome), not JSON. */
export async function requestJson<T>(request: JsonRequest): Promise<T> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method ?? 'GET',
      headers: {
        accept: 'application/json, application/fhir+json',
        ...(request.body === undefined ? {} : { 'content-type': request.contentType ?? 'application/json' }),
        ...request.headers,
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      cache: 'no-store',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new RequestFailure(request.target, undefined, unreachableMessage(request.target, request.url));
  }
  const text = await response.text();
  const body = parseJson(text);
  if (!response.ok) {
    throw new RequestFailure(
      request.target,
      response.status,
      httpFailureMessage(request.target, response.status, body, request.viaProxy ?? false),
    );
  }
  if (text !== '' && body === undefined) {
    throw new RequestFailure(request.target, response.status, `The ${request.target} did not answer with JSON (${request.url}).`);
  }
  return body as T;
}

function parseJson(text: string): unknown {
  if (text === '') {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The message to show for anything thrown. */
export function failureText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
