import { OperationOutcomeException } from './operation-outcome.exception';

/**
 * The answer when a call outlives `hookDeadlineMs`: 503, because the service is (for now) unable to answer and
 * the client may retry; CDS clients show no cards on any error, so an honest status is all that matters. A late
 * FHIR server is not this: the prefetch deadline fires first and answers 412 naming the prefetch keys.
 */
export function deadlineExceeded(): OperationOutcomeException {
  return OperationOutcomeException.of(503, 'timeout', 'The CDS service did not answer within its deadline; the request may be retried');
}
