import type { IncludeTarget, SearchRequest } from '@medplum/core';
import { getSearchParameter, isResourceType, Operator, OperationOutcomeError } from '@medplum/core';
import type { OperationOutcome } from '@medplum/fhirtypes';
import type { IssueCode } from '@pcb-cds/fhir-r4';
import { operationOutcome } from '@pcb-cds/fhir-r4';

/** medplum evaluates these types to "no match" instead of refusing them; we refuse them. */
const UNSUPPORTED_PARAMETER_TYPES = new Set(['number', 'quantity', 'composite', 'special']);

/** Modifiers medplum parses but then ignores, which would silently turn into plain equality. */
const UNSUPPORTED_OPERATORS = new Set<string>([
  Operator.IN,
  Operator.NOT_IN,
  Operator.ABOVE,
  Operator.BELOW,
  Operator.OF_TYPE,
  Operator.TEXT,
  Operator.IDENTIFIER,
  Operator.ITERATE,
]);

export function searchError(code: IssueCode, text: string): OperationOutcomeError {
  // fhir/r4 and @medplum/fhirtypes describe the same JSON; only the declared types differ.
  return new OperationOutcomeError(operationOutcome(code, text) as OperationOutcome);
}

/** The concrete types a search runs over: one, or the `_type` list of a system-level search. */
export function searchedTypes(request: SearchRequest): string[] {
  return request.resourceType === ('MultipleTypes' as string) ? (request.types ?? []) : [request.resourceType];
}

function checkIncludeTarget(kind: '_include' | '_revinclude', target: IncludeTarget): void {
  const param = getSearchParameter(target.resourceType, target.searchParam);
  if (!isResourceType(target.resourceType) || param?.type !== 'reference') {
    throw searchError(
      'not-supported',
      `Unknown ${kind} '${target.resourceType}:${target.searchParam}': it must name a reference search parameter`,
    );
  }
  if (target.targetType && !isResourceType(target.targetType)) {
    throw searchError('not-supported', `Unknown ${kind} target type '${target.targetType}'`);
  }
}

/**
 * Refuses with 400 what medplum would quietly answer with an empty or wrong Bundle: unknown types,
 * unknown parameters (a typo must not look like "no data"), and features it parses but ignores.
 * Results-control parameters (`_count`, `_sort`, `_include`, ...) never reach `filters`.
 */
export function assertSupportedSearch(request: SearchRequest, types: string[]): void {
  for (const type of types) {
    if (!isResourceType(type)) {
      throw searchError('not-supported', `Unknown resource type '${type}'`);
    }
    for (const filter of request.filters ?? []) {
      const param = getSearchParameter(type, filter.code);
      if (!param) {
        throw searchError('not-supported', `Unknown search parameter '${filter.code}' for resource type ${type}`);
      }
      if (param.type && UNSUPPORTED_PARAMETER_TYPES.has(param.type)) {
        throw searchError('not-supported', `Search parameter '${filter.code}' (${param.type}) is not supported here`);
      }
      if (UNSUPPORTED_OPERATORS.has(filter.operator)) {
        throw searchError('not-supported', `Modifier ':${filter.operator}' on '${filter.code}' is not supported here`);
      }
    }
    for (const rule of request.sortRules ?? []) {
      if (!getSearchParameter(type, rule.code)) {
        throw searchError('not-supported', `Unknown _sort parameter '${rule.code}' for resource type ${type}`);
      }
    }
  }
  request.include?.forEach((target) => checkIncludeTarget('_include', target));
  request.revInclude?.forEach((target) => checkIncludeTarget('_revinclude', target));
}
