import { isOperationOutcome } from '@pcb-cds/fhir-r4';
import { FhirRequestError } from './fhir-request-error';
import { ResponseTooLargeError, UnrequestedEncodingError } from './response-limits';

/** fhir-kit-client rejects with `{ response: { status, data } }` when the server answered. */
export function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { response?: { status?: unknown } } | null)?.response?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * The error of a call whose answer the HTTP layer refused (see BoundedDispatcher): it wins over whatever fetch made
 * of the abort ("terminated", "fetch failed"; the refusal is not always kept as their cause).
 */
export function refusalToFhirRequestError(refusal: Error): FhirRequestError {
  if (refusal instanceof ResponseTooLargeError) {
    const scope = refusal.limit === 'maxResponseBytes' ? 'one response' : 'all answers of one request together';
    return new FhirRequestError('too-large', `FHIR answer passed the limit of ${refusal.limitBytes} bytes for ${scope}`, {
      limit: { name: refusal.limit, bytes: refusal.limitBytes },
    });
  }
  if (refusal instanceof UnrequestedEncodingError) {
    return new FhirRequestError('not-fhir', 'FHIR server answered with a compressed body although asked for identity');
  }
  return new FhirRequestError('not-fhir', 'FHIR answer refused');
}

/**
 * Maps whatever fetch/fhir-kit-client threw to a FhirRequestError. The original error is deliberately not
 * kept as `cause`: fhir-kit-client's error objects carry the request configuration and the server's body.
 */
export function toFhirRequestError(error: unknown, signal: AbortSignal): FhirRequestError {
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
    // 3xx included: redirects are not followed (see FhirRestClient), so a redirect is an answer we cannot use.
    return new FhirRequestError('http', `FHIR server answered HTTP ${status}`, {
      status,
      ...(isOperationOutcome(data) ? { outcome: data } : {}),
    });
  }
  if (isPrimitiveJsonBody(error)) {
    return new FhirRequestError('not-fhir', 'FHIR server answered with JSON that is not a resource');
  }
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  const reason = typeof code === 'string' && /^[A-Z_]+$/.test(code) ? ` (${code})` : '';
  return new FhirRequestError('unreachable', `FHIR server unreachable${reason}`);
}

/**
 * fhir-kit-client attaches the response to the parsed body with Object.defineProperty, which throws this
 * TypeError when the body is JSON `null`, a number, a string or a boolean. Pinned by a test, so an upgrade
 * that changes it is noticed; without the check such a body would be misreported as "unreachable".
 */
function isPrimitiveJsonBody(error: unknown): boolean {
  return error instanceof TypeError && error.message.includes('Object.defineProperty called on non-object');
}
