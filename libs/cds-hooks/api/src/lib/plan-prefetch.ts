import type { Bundle, OperationOutcome } from 'fhir/r4';
import type { FhirResourceJson } from '@pcb-cds/cds-hooks-model';
import { checkAnswer, describeQuery, expectedAnswerOfRelative, isFhirRequestError } from '@pcb-cds/fhir-client';
import { isBundle, isOperationOutcome } from '@pcb-cds/fhir-r4';
import { findMissingPrefetchKeys } from './missing-prefetch-keys';
import { substitutePrefetchTokens } from './substitute-prefetch-tokens';

/** What to do for one prefetch key of a service's templates. */
export type PrefetchStep =
  /** The client sent data: used as is. */
  | { key: string; kind: 'provided'; value: FhirResourceJson }
  /** The client sent `null`: no data, never fetched. */
  | { key: string; kind: 'no-data' }
  /** The client sent an OperationOutcome: it tried and failed. See resolve-prefetch.ts for the policy. */
  | { key: string; kind: 'client-error'; outcome: OperationOutcome }
  /**
   * The client sent a resource that does not answer the template's query (a Patient for a search, a Bundle of
   * type collection, a Bundle for a read): used as is it would silently lose data, so the request fails.
   */
  | { key: string; kind: 'malformed'; query: string; mismatch: { answer: string; expected: string } }
  /** The client sent one page of a search: the remaining pages must be fetched. */
  | { key: string; kind: 'complete'; bundle: Bundle }
  /** The client did not send the key: fetch this URL (tokens substituted) from fhirServer. */
  | { key: string; kind: 'fetch'; url: string }
  /** Not sent, and its template needs a context value this request lacks: there is nothing to fetch. */
  | { key: string; kind: 'unresolvable'; tokens: string[] };

/** Decides, without any I/O, what each prefetch key needs. Keys come in template order. */
export function planPrefetch(
  templates: Readonly<Record<string, string>> | undefined,
  prefetch: Readonly<Record<string, unknown>> | undefined,
  context: Record<string, unknown>,
): PrefetchStep[] {
  const missing = new Set(findMissingPrefetchKeys(templates, prefetch));
  return Object.entries(templates ?? {}).map(([key, template]): PrefetchStep => {
    if (missing.has(key)) {
      const substituted = substitutePrefetchTokens(template, context);
      return substituted.ok ? { key, kind: 'fetch', url: substituted.url } : { key, kind: 'unresolvable', tokens: substituted.unresolved };
    }
    const value = prefetch?.[key] as FhirResourceJson | null;
    if (value === null) {
      return { key, kind: 'no-data' };
    }
    if (isOperationOutcome(value)) {
      return { key, kind: 'client-error', outcome: value };
    }
    const malformed = mismatchOf(template, value);
    if (malformed) {
      return { key, kind: 'malformed', ...malformed };
    }
    if (isIncompleteSearchBundle(value)) {
      return { key, kind: 'complete', bundle: value };
    }
    return { key, kind: 'provided', value };
  });
}

/**
 * Whether a value sent by the client has the shape of an answer to the template's query, checked as the FHIR
 * server's answer would be — except a read's id: clients' own examples send a Patient whose id differs from
 * `context.patientId` (the AHRQ CDS Connect vectors do), and the client, unlike a FHIR server answering this
 * service, is the party that chose the patient.
 */
function mismatchOf(
  template: string,
  value: FhirResourceJson,
): { query: string; mismatch: { answer: string; expected: string } } | undefined {
  const expected = expectedAnswerOfRelative(template);
  const checked = expected.interaction === 'read' ? { ...value, id: expected.id } : value;
  try {
    checkAnswer(expected, checked);
    return undefined;
  } catch (error) {
    if (isFhirRequestError(error) && error.details.mismatch) {
      return { query: describeQuery(expected), mismatch: error.details.mismatch };
    }
    throw error;
  }
}

/**
 * A search Bundle holding only its first page(s): it has a `next` link and fewer entries than its `total`
 * (or no `total` at all, so nothing says the link leads nowhere).
 */
export function isIncompleteSearchBundle(value: unknown): value is Bundle {
  if (!isBundle(value) || !Array.isArray(value.link)) {
    return false;
  }
  const hasNext = value.link.some((link) => link?.relation === 'next' && typeof link.url === 'string' && link.url !== '');
  const entries = Array.isArray(value.entry) ? value.entry.length : 0;
  return hasNext && !(typeof value.total === 'number' && entries >= value.total);
}
