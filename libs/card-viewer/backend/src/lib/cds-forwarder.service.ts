import { Inject, Injectable } from '@nestjs/common';
import type { ResolvedCardViewerOptions } from './card-viewer.options';
import { CARD_VIEWER_OPTIONS } from './card-viewer.options';
import type { ViewerAnswer } from './viewer-answer';
import { problem } from './viewer-answer';
import { ViewerSigning } from './viewer-signing';

/** The CDS service's answer: its status, content type and body, unchanged. */
export type ForwardedResponse = ViewerAnswer;

export interface ForwardRequest {
  method: 'GET' | 'POST';
  /** The CDS service's base URL for this call. */
  baseUrl: string;
  /** `/cds-services…`, already checked. */
  path: string;
  /** Parsed JSON, re-serialised as is. */
  body?: unknown;
}

/**
 * Calls the CDS service on the page's behalf: the body goes on unchanged; with signing on, a fresh JWT whose
 * `aud` is the endpoint called (see ViewerSigning). The answer comes back with its status and body unchanged. An unreachable
 * service becomes a 502 OperationOutcome that says so (the page shows it), never a hang: one deadline per call.
 */
@Injectable()
export class CdsForwarder {
  constructor(
    @Inject(CARD_VIEWER_OPTIONS) private readonly options: ResolvedCardViewerOptions,
    @Inject(ViewerSigning) private readonly signing: ViewerSigning,
  ) {}

  async forward(request: ForwardRequest): Promise<ForwardedResponse> {
    const url = `${request.baseUrl}${request.path}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (request.body !== undefined) {
      headers['content-type'] = 'application/json';
    }
    const authorization = await this.signing.authorization(request.baseUrl, request.path);
    if (authorization) {
      headers['authorization'] = authorization;
    }
    let response: Response;
    try {
      response = await fetch(url, {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        // A redirect would carry the token to another audience.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.proxyTimeoutMs),
      });
    } catch (error) {
      return unreachable(request.baseUrl, error);
    }
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? 'application/json',
      body: await response.text(),
    };
  }
}

function unreachable(baseUrl: string, error: unknown): ForwardedResponse {
  const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
  const why = timedOut ? 'it did not answer in time' : describeCause(error);
  return problem(timedOut ? 504 : 502, timedOut ? 'timeout' : 'transient', `The CDS service at ${baseUrl} is not reachable: ${why}`);
}

/** fetch() says only "fetch failed"; the useful part (ECONNREFUSED, ENOTFOUND) is its cause's code. */
function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') {
    return cause.code;
  }
  return error instanceof Error ? error.message : 'unknown error';
}
