import type { OperationOutcome, OperationOutcomeIssue } from 'fhir/r4';
import type { FhirRequestErrorDetails, FhirRequestErrorKind } from '@pcb-cds/fhir-client';
import { operationOutcome } from '@pcb-cds/fhir-r4';

/** Why prefetch data could not be obtained. */
export type PrefetchFailure =
  | { kind: 'no-fhir-server' }
  /** The request's fhirServer is not on the module's fhirServerAllowlist: nothing was sent to it. */
  | { kind: 'fhir-server-not-allowed' }
  /** The FHIR server answered the fetch with an OperationOutcome instead of data. */
  | { kind: 'operation-outcome' }
  /** The client sent, for this key, a resource that does not answer the key's query. */
  | { kind: 'malformed-prefetch'; query: string; mismatch: { answer: string; expected: string } }
  | ({ kind: FhirRequestErrorKind } & Pick<FhirRequestErrorDetails, 'status' | 'query' | 'mismatch' | 'limit'>);

/**
 * Required prefetch data is neither in the request nor obtainable from fhirServer: CDS Hooks 2.0 says the
 * service SHALL answer 412 Precondition Failed. Carries key names and a reason, never a URL or token.
 */
export class PrefetchUnavailableError extends Error {
  override readonly name = 'PrefetchUnavailableError';

  constructor(
    readonly keys: string[],
    readonly failure: PrefetchFailure,
  ) {
    super(`Prefetch ${keys.map((k) => `'${k}'`).join(', ')} unavailable: ${describeFailure(failure)}`);
  }

  toOperationOutcome(): OperationOutcome {
    const plural = this.keys.length > 1;
    const keys = this.keys.map((k) => `'${k}'`).join(', ');
    const diagnostics = `CDS Hooks prefetch ${plural ? 'keys' : 'key'} ${keys} absent from the request and not fetchable (${this.failure.kind}).`;
    switch (this.failure.kind) {
      case 'no-fhir-server':
        return operationOutcome(
          'processing',
          `Prefetch ${plural ? 'keys' : 'key'} ${keys} ${plural ? 'were' : 'was'} not provided and the request has no fhirServer to fetch ${plural ? 'them' : 'it'} from`,
          { diagnostics },
        );
      case 'fhir-server-not-allowed':
        return operationOutcome(
          'forbidden',
          `fhirServer is not an allowed FHIR server: prefetch ${plural ? 'keys' : 'key'} ${keys} must be sent in the request`,
          { diagnostics, expression: ['fhirServer'] },
        );
      case 'malformed-prefetch':
        return operationOutcome(
          'invalid',
          `Prefetch ${plural ? 'keys' : 'key'} ${keys} sent in the request ${plural ? 'are' : 'is'} ${this.failure.mismatch.answer}, not ${this.failure.mismatch.expected} (the answer to the ${this.failure.query} of the template)`,
          {
            diagnostics: `CDS Hooks prefetch ${plural ? 'keys' : 'key'} ${keys} sent in the request but not answering ${plural ? 'their templates' : 'its template'} (malformed-prefetch).`,
            expression: this.keys.map((k) => `prefetch.${k}`),
          },
        );
      default:
        return operationOutcome(
          issueCode(this.failure),
          `Prefetch ${plural ? 'keys' : 'key'} ${keys} could not be obtained from the FHIR server${namedQuery(this.failure)}: ${describeFailure(this.failure)}`,
          { diagnostics },
        );
    }
  }
}

/** ` (search for Condition)`: which query failed, in words (no URL, no patient id), where the answer does not say it. */
function namedQuery(failure: PrefetchFailure): string {
  const query = 'query' in failure ? failure.query : undefined;
  return query && failure.kind !== 'unexpected-resource' && failure.kind !== 'too-large' ? ` (${query})` : '';
}

function describeFailure(failure: PrefetchFailure): string {
  switch (failure.kind) {
    case 'no-fhir-server':
      return 'no fhirServer in the request';
    case 'fhir-server-not-allowed':
      return 'fhirServer is not an allowed FHIR server';
    case 'operation-outcome':
      return 'it answered with an OperationOutcome instead of data';
    case 'malformed-prefetch':
      return `the request sent ${failure.mismatch.answer}, not ${failure.mismatch.expected}, for the ${failure.query}`;
    case 'unreachable':
      return 'it is unreachable';
    case 'timeout':
      return 'it did not answer before the prefetch deadline';
    case 'http':
      return `it answered HTTP ${failure.status ?? 'error'}`;
    case 'not-fhir':
      return 'its answer is not FHIR JSON';
    case 'incomplete':
      return 'the search could not be completed (too many pages, or paging links leave the server)';
    case 'unexpected-resource':
      return `its answer to the ${failure.query ?? 'query'} is ${failure.mismatch?.answer ?? 'another resource'}, not ${failure.mismatch?.expected ?? 'what was asked for'}`;
    case 'too-large':
      return `its answer to the ${failure.query ?? 'query'} passed the limit of ${failure.limit?.bytes ?? '?'} bytes ${
        failure.limit?.name === 'maxTotalBytes' ? 'for all FHIR answers of one hook request' : 'for one FHIR response'
      }`;
  }
}

function issueCode(failure: PrefetchFailure): OperationOutcomeIssue['code'] {
  switch (failure.kind) {
    case 'timeout':
      return 'timeout';
    case 'unreachable':
      return 'transient';
    case 'http':
      return failure.status === 401 || failure.status === 403 ? 'security' : 'processing';
    case 'too-large':
      return 'too-costly';
    default:
      return 'processing';
  }
}
