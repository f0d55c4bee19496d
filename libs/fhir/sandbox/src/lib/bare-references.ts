import type { Filter } from '@medplum/core';
import { getSearchParameter, Operator, splitSearchOnComma } from '@medplum/core';

/** A FHIR logical id: what a bare `patient=<id>` value is. Anything with `/` or `|` is not bare. */
const BARE_ID = /^[A-Za-z0-9\-.]{1,64}$/;

const QUALIFIED_OPERATORS = new Set<string>([Operator.EQUALS, Operator.NOT_EQUALS, Operator.NOT]);

function escapeSearchValue(value: string): string {
  return value.replace(/[\\,]/g, (c) => '\\' + c);
}

/**
 * medplum compares reference values as exact strings, so `patient=123` never matches
 * `Patient/123`, yet CDS Hooks prefetch templates are written `patient={{context.patientId}}`.
 * FHIR says a bare id matches a reference to that id on any allowed target type, so each bare
 * value becomes `Type/<id>` for every target type of the parameter (just `Patient/<id>` for
 * `patient`), including inside comma OR lists.
 */
export function qualifyBareReferences(filters: Filter[] | undefined, resourceType: string): Filter[] | undefined {
  return filters?.map((filter) => {
    const param = getSearchParameter(resourceType, filter.code);
    const targets = param?.target ?? [];
    if (param?.type !== 'reference' || targets.length === 0 || !QUALIFIED_OPERATORS.has(filter.operator)) {
      return filter;
    }
    const values = splitSearchOnComma(filter.value).flatMap((value) =>
      BARE_ID.test(value) ? targets.map((target) => `${target}/${value}`) : [value],
    );
    return { ...filter, value: values.map(escapeSearchValue).join(',') };
  });
}
