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
 */
export type FhirRequestErrorKind = 'unreachable' | 'timeout' | 'http' | 'not-fhir' | 'incomplete';

/**
 * The one error type of this client. Its message is written by this library only: it never contains the
 * access token, the request URL (patient ids are PHI) or text taken from the server's answer.
 */
export class FhirRequestError extends Error {
  override readonly name = 'FhirRequestError';

  constructor(
    readonly kind: FhirRequestErrorKind,
    message: string,
    readonly details: { status?: number; outcome?: OperationOutcome } = {},
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
}

export function isFhirRequestError(value: unknown): value is FhirRequestError {
  return value instanceof FhirRequestError;
}
