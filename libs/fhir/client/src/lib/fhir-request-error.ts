import type { OperationOutcome } from 'fhir/r4';

/**
 * Why a FHIR call failed, coarse enough for a caller to decide (e.g. CDS Hooks answers 412 for all of them)
 * and to tell an operator where to look:
 * - `unreachable`: no HTTP answer at all (DNS, refused connection, reset, TLS).
 * - `timeout`: the deadline passed or the caller's AbortSignal fired before the answer was complete.
 * - `http`: the server answered with an error status (401, 403, 5xx, a 404 on a search, ...).
 * - `not-fhir`: a success status whose body is not a FHIR resource (HTML login page, plain text, bad JSON).
 * - `incomplete`: a search could not be completed safely (page limit reached, a `next` link that leaves the
 *   server, a paging loop); returning part of a search as if it were all of it would be wrong data.
 * - `unexpected-resource`: a FHIR resource, but not the one asked for (a Patient or an OperationOutcome where a
 *   search asked for a searchset Bundle, a Bundle of another type, entries that are not resources, a read
 *   answered with another type or id). Taking it as "no matches" would silently drop clinical data.
 * - `too-large`: the answer passed a byte limit (one response, or all of a client's responses together); it was
 *   cut off while streaming.
 */
export type FhirRequestErrorKind = 'unreachable' | 'timeout' | 'http' | 'not-fhir' | 'incomplete' | 'unexpected-resource' | 'too-large';

export interface FhirRequestErrorDetails {
  status?: number;
  outcome?: OperationOutcome;
  /** The query in words, without URL or parameters (patient ids are PHI): `search for Condition`, `read of Patient`. */
  query?: string;
  /** For `unexpected-resource`: what came back and what was asked for, e.g. `a Patient` / `a searchset Bundle`. */
  mismatch?: { answer: string; expected: string };
  /** For `too-large`: the limit that was passed. */
  limit?: { name: 'maxResponseBytes' | 'maxTotalBytes'; bytes: number };
}

/**
 * The one error type of this client. Its message is written by this library only: it never contains the
 * access token, the request URL (patient ids are PHI) or text taken from the server's answer.
 */
export class FhirRequestError extends Error {
  override readonly name = 'FhirRequestError';

  constructor(
    readonly kind: FhirRequestErrorKind,
    message: string,
    readonly details: FhirRequestErrorDetails = {},
  ) {
    super(message);
  }

  /** The HTTP status when the server answered (kinds `http` and `not-fhir`). */
  get status(): number | undefined {
    return this.details.status;
  }

  /** The server's OperationOutcome when its error body carried one. */
  get outcome(): OperationOutcome | undefined {
    return this.details.outcome;
  }

  /** The same failure, naming the query it happened in (kept when one is named already). */
  forQuery(query: string): FhirRequestError {
    return this.details.query ? this : new FhirRequestError(this.kind, this.message, { ...this.details, query });
  }
}

export function isFhirRequestError(value: unknown): value is FhirRequestError {
  return value instanceof FhirRequestError;
}
