import type { Bundle } from 'fhir/r4';
import { isBundle } from '@pcb-cds/fhir-r4';
import { FhirRequestError } from './fhir-request-error';

/**
 * What a GET below the base URL must answer, read from its path (FHIR RESTful API):
 * - `Type/id` and `Type/id/_history/vid` → that resource (read, vread);
 * - `Type`, `Type/_search`, `Type/id/Type2` (compartment) and the base itself with a query → a searchset Bundle;
 * - anything else (operations such as `$everything`, `metadata`) → any resource: the URL does not say which.
 */
export type ExpectedAnswer =
  | { interaction: 'read'; resourceType: string; id: string }
  | { interaction: 'search'; resourceType?: string; includesOtherTypes?: true }
  | { interaction: 'other' };

/** A FHIR resource type name; anything else from a server is not echoed into messages. */
const RESOURCE_TYPE = /^[A-Z][A-Za-z]{1,63}$/;
const BUNDLE_TYPE = /^[a-z-]{1,32}$/;

export function expectedAnswerOf(target: URL, base: URL): ExpectedAnswer {
  const basePath = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  const segments = target.pathname.slice(basePath.length).split('/').map(decodeSegment);
  const [type, second, third, fourth] = segments;
  if (segments.length === 1 && type === '') {
    return target.search === '' ? { interaction: 'other' } : { interaction: 'search' };
  }
  if (type === undefined || !RESOURCE_TYPE.test(type)) {
    return { interaction: 'other' };
  }
  if (segments.length === 1 || (segments.length === 2 && second === '_search')) {
    return { interaction: 'search', resourceType: type, ...(asksForOtherTypes(target) ? { includesOtherTypes: true } : {}) };
  }
  const isId = second !== undefined && second !== '' && !/^[_$]/.test(second);
  if (isId && (segments.length === 2 || (segments.length === 4 && third === '_history' && fourth !== ''))) {
    return { interaction: 'read', resourceType: type, id: second };
  }
  if (isId && segments.length === 3 && third !== undefined && (third === '*' || RESOURCE_TYPE.test(third))) {
    return { interaction: 'search', ...(third === '*' ? {} : { resourceType: third }) };
  }
  return { interaction: 'other' };
}

/** The same for a prefetch-style relative URL (`Patient/123`, `Condition?patient=123`), without a server. */
export function expectedAnswerOfRelative(relativeUrl: string): ExpectedAnswer {
  const base = new URL('http://base.invalid/');
  try {
    return expectedAnswerOf(new URL(relativeUrl.replace(/^\/+/, ''), base), base);
  } catch {
    return { interaction: 'other' };
  }
}

/** The query in words for errors and the 412 it becomes: type names only, never the URL, ids or parameters. */
export function describeQuery(expected: ExpectedAnswer): string {
  switch (expected.interaction) {
    case 'read':
      return `read of ${expected.resourceType}`;
    case 'search':
      return expected.resourceType ? `search for ${expected.resourceType}` : 'search';
    case 'other':
      return 'request';
  }
}

/**
 * @throws FhirRequestError `unexpected-resource` when `resource` is not what `expected` asked for. A search's
 *   pages are checked with `expected` being the search.
 */
export function checkAnswer(expected: ExpectedAnswer, resource: { resourceType: string; id?: unknown }): void {
  switch (expected.interaction) {
    case 'read':
      if (resource.resourceType !== expected.resourceType) {
        throw mismatch(expected, describeResource(resource), `${article(expected.resourceType)} ${expected.resourceType}`);
      }
      if (resource.id !== expected.id) {
        throw mismatch(
          expected,
          `${article(expected.resourceType)} ${expected.resourceType} with another id`,
          `${article(expected.resourceType)} ${expected.resourceType} with the id asked for`,
        );
      }
      return;
    case 'search':
      if (!isBundle(resource) || resource.type !== 'searchset') {
        throw mismatch(expected, describeResource(resource), 'a searchset Bundle');
      }
      if (!entriesAreResources(resource)) {
        throw mismatch(expected, 'a searchset Bundle whose entries are not all resources', 'a searchset Bundle');
      }
      if (expected.resourceType !== undefined && !matchesAreOfType(resource, expected.resourceType, expected.includesOtherTypes === true)) {
        throw mismatch(
          expected,
          `a searchset Bundle whose matches are not all ${expected.resourceType}`,
          `a searchset Bundle of ${expected.resourceType}`,
        );
      }
      return;
    case 'other':
      return;
  }
}

function entriesAreResources(bundle: Bundle): boolean {
  if (bundle.entry === undefined) {
    return true;
  }
  return (
    Array.isArray(bundle.entry) &&
    bundle.entry.every((entry: unknown) => {
      const resource = (entry as { resource?: unknown } | null)?.resource as { resourceType?: unknown } | null | undefined;
      return (
        typeof resource === 'object' &&
        resource !== null &&
        typeof resource.resourceType === 'string' &&
        RESOURCE_TYPE.test(resource.resourceType)
      );
    })
  );
}

/** `_include`/`_revinclude` in the query: entries of other types may come without `search.mode` (not all servers set it). */
function asksForOtherTypes(target: URL): boolean {
  return [...target.searchParams.keys()].some((name) => /^_(rev)?include(:iterate|:recurse)?$/.test(name));
}

/**
 * Every match of a search for one type is of that type: a Condition search answered with Observations is not an
 * answer about Conditions (taking it would read as "no Conditions" and silently drop cards). Entries marked
 * `include` or `outcome`, and OperationOutcomes, may be of any type; without `search.mode`, only when the query
 * asked for included resources.
 */
function matchesAreOfType(bundle: Bundle, resourceType: string, includesOtherTypes: boolean): boolean {
  return (bundle.entry ?? []).every((entry) => {
    const type = entry.resource?.resourceType;
    const mode = (entry.search as { mode?: unknown } | undefined)?.mode;
    return (
      type === resourceType ||
      type === 'OperationOutcome' ||
      mode === 'include' ||
      mode === 'outcome' ||
      (mode === undefined && includesOtherTypes)
    );
  });
}

function mismatch(expected: ExpectedAnswer, answer: string, wanted: string): FhirRequestError {
  const query = describeQuery(expected);
  return new FhirRequestError('unexpected-resource', `FHIR server answered the ${query} with ${answer}, not ${wanted}`, {
    status: 200,
    query,
    mismatch: { answer, expected: wanted },
  });
}

/** `a Patient`, `an OperationOutcome`, `a Bundle of type collection`; server text only when it has the shape of a name. */
function describeResource(resource: { resourceType: string; type?: unknown }): string {
  if (!RESOURCE_TYPE.test(resource.resourceType)) {
    return 'a resource of an unknown type';
  }
  if (isBundle(resource)) {
    const type = typeof resource.type === 'string' && BUNDLE_TYPE.test(resource.type) ? resource.type : 'unknown';
    return `a Bundle of type ${type}`;
  }
  return `${article(resource.resourceType)} ${resource.resourceType}`;
}

function article(word: string): string {
  return /^[AEIOU]/.test(word) ? 'an' : 'a';
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a malformed escape: compared as written, so it matches no type or id
  }
}
