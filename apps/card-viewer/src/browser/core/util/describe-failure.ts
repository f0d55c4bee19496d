/** Whom a failed call was for: the page names it so the reader knows which server to look at. */
export type FailureTarget = 'FHIR server' | 'CDS service';

/** fetch() rejected: nothing answered (down, wrong address, blocked). */
export function unreachableMessage(target: FailureTarget, url: string): string {
  return target === 'CDS service'
    ? `The CDS service is not reachable: the viewer's server at ${url} did not answer.`
    : `The FHIR server is not reachable at ${url}. Is it running?`;
}

/**
 * A non-2xx answer, with the OperationOutcome's own words when there is one. The viewer's proxy answers
 * 502/504 itself when the CDS service is down, and its message already says so.
 */
export function httpFailureMessage(target: FailureTarget, status: number, body: unknown, viaProxy: boolean): string {
  const diagnostics = outcomeText(body);
  if (viaProxy && (status === 502 || status === 504) && diagnostics) {
    return diagnostics;
  }
  return `The ${target} answered HTTP ${status}${diagnostics ? `: ${diagnostics}` : '.'}`;
}

/** The issues of an OperationOutcome, joined; undefined for anything else. */
export function outcomeText(body: unknown): string | undefined {
  const outcome = body as { resourceType?: unknown; issue?: { diagnostics?: unknown; details?: { text?: unknown } }[] } | null;
  if (outcome?.resourceType !== 'OperationOutcome' || !Array.isArray(outcome.issue)) {
    return undefined;
  }
  const texts = outcome.issue
    .map((i) => (typeof i.diagnostics === 'string' ? i.diagnostics : typeof i.details?.text === 'string' ? i.details.text : undefined))
    .filter((t): t is string => t !== undefined && t !== '');
  return texts.length ? texts.join('; ') : undefined;
}
