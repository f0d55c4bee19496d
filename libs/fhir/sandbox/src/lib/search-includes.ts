import type { IncludeTarget, SearchRequest } from '@medplum/core';
import { evalFhirPath, getSearchParameter, Operator } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';

/** What include resolution needs from the store; the repository passes its own reads. */
export interface IncludeSource {
  /** The resource at a relative reference (`Type/id`), or undefined when it does not exist. */
  read(reference: string): Promise<Resource | undefined>;
  /** Resources of `resourceType` whose `searchParam` points at any of `references`. */
  findReferencing(resourceType: string, searchParam: string, references: string[]): Promise<Resource[]>;
}

/** Rounds of `:iterate`; FHIR leaves the depth to the server and data here is tiny. */
const MAX_ITERATIONS = 5;

const RELATIVE_REFERENCE = /^([A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(\/_history\/[^/]+)?$/;

/** `Type/id` for relative references and absolute ones on this server; undefined otherwise. */
export function toRelativeReference(reference: string, baseUrl: string): string | undefined {
  const local = reference.startsWith(baseUrl + '/') ? reference.slice(baseUrl.length + 1) : reference;
  const match = RELATIVE_REFERENCE.exec(local);
  return match ? `${match[1]}/${match[2]}` : undefined;
}

function referenceTo(resource: Resource): string {
  return `${resource.resourceType}/${resource.id}`;
}

function referencesOf(resource: Resource, target: IncludeTarget, baseUrl: string): string[] {
  const expression = getSearchParameter(target.resourceType, target.searchParam)?.expression;
  if (!expression || resource.resourceType !== target.resourceType) {
    return [];
  }
  return evalFhirPath(expression, resource).flatMap((value): string[] => {
    const raw = (value as { reference?: unknown } | undefined)?.reference;
    const reference = typeof raw === 'string' ? toRelativeReference(raw, baseUrl) : undefined;
    if (!reference || (target.targetType && !reference.startsWith(target.targetType + '/'))) {
      return [];
    }
    return [reference];
  });
}

async function includeRound(
  from: Resource[],
  includes: IncludeTarget[],
  revIncludes: IncludeTarget[],
  source: IncludeSource,
  baseUrl: string,
): Promise<Resource[]> {
  const found: Resource[] = [];
  const wanted = new Set(includes.flatMap((target) => from.flatMap((r) => referencesOf(r, target, baseUrl))));
  for (const reference of wanted) {
    const resource = await source.read(reference);
    if (resource) {
      found.push(resource);
    }
  }
  for (const target of revIncludes) {
    const pointedAt = from.filter((r) => !target.targetType || r.resourceType === target.targetType).map((r) => referenceTo(r));
    if (pointedAt.length > 0) {
      found.push(...(await source.findReferencing(target.resourceType, target.searchParam, pointedAt)));
    }
  }
  return found;
}

/**
 * `_include` and `_revinclude` for one page of matches (medplum's MemoryRepository ignores both).
 * Returns the extra resources, each once, never repeating a match; `:iterate` targets are
 * applied again to what the previous round added.
 */
export async function resolveIncludes(
  matches: Resource[],
  request: Pick<SearchRequest, 'include' | 'revInclude'>,
  source: IncludeSource,
  baseUrl: string,
): Promise<Resource[]> {
  const seen = new Set(matches.map((r) => referenceTo(r)));
  const included: Resource[] = [];
  let includes = request.include ?? [];
  let revIncludes = request.revInclude ?? [];
  let frontier = matches;
  for (let round = 0; round < MAX_ITERATIONS && frontier.length > 0; round++) {
    const fresh: Resource[] = [];
    for (const resource of await includeRound(frontier, includes, revIncludes, source, baseUrl)) {
      const key = referenceTo(resource);
      if (!seen.has(key)) {
        seen.add(key);
        fresh.push(resource);
      }
    }
    included.push(...fresh);
    includes = includes.filter((t) => t.modifier === Operator.ITERATE);
    revIncludes = revIncludes.filter((t) => t.modifier === Operator.ITERATE);
    frontier = fresh;
  }
  return included;
}
