import type { SearchRequest } from '@medplum/core';
import { getStatus, OperationOutcomeError, parseSearchRequest } from '@medplum/core';
import { ensureFhirDefinitions } from './fhir-definitions';
import { assertSupportedSearch, searchedTypes } from './search-checks';

function check(url: string): void {
  const request = parseSearchRequest(url);
  assertSupportedSearch(request, searchedTypes(request));
}

function statusOf(url: string): number {
  try {
    check(url);
    return 200;
  } catch (err) {
    expect(err).toBeInstanceOf(OperationOutcomeError);
    const outcome = (err as OperationOutcomeError).outcome;
    expect(outcome.resourceType).toBe('OperationOutcome');
    return getStatus(outcome);
  }
}

describe('assertSupportedSearch', () => {
  beforeAll(() => ensureFhirDefinitions());

  it('accepts known parameters and results-control parameters', () => {
    expect(
      statusOf(
        'Observation?patient=1&code=a|b&date=ge2020&_count=5&_offset=5&_sort=-date&_include=Observation:patient' +
          '&_revinclude=Provenance:target&_summary=count&_elements=code&_total=accurate&_id=x&_lastUpdated=gt2020',
      ),
    ).toBe(200);
  });

  it.each([
    ['an unknown type', 'Foo?name=x'],
    ['a data type', 'HumanName?text=x'],
    ['an unknown parameter', 'Observation?foo=bar'],
    ['a parameter of another type', 'Observation?birthdate=2000'],
    ['a chained parameter', 'Observation?subject.name=x'],
    ['_has', 'Patient?_has:Observation:patient:code=x'],
    ['an unknown _sort', 'Observation?_sort=foo'],
    ['an unknown _include', 'Observation?_include=Observation:foo'],
    ['a non-reference _revinclude', 'Patient?_revinclude=Observation:code'],
    ['a quantity parameter (medplum cannot match it)', 'Observation?value-quantity=5'],
    ['the :in modifier (medplum ignores it)', 'Observation?code:in=http://vs'],
    ['the :text modifier on a token', 'Observation?code:text=preg'],
  ])('refuses %s with 400', (_, url) => {
    expect(statusOf(url)).toBe(400);
  });

  it('checks every type of a system-level _type search', () => {
    const request: SearchRequest = {
      resourceType: 'MultipleTypes' as SearchRequest['resourceType'],
      types: ['Patient', 'Foo' as SearchRequest['resourceType']],
    };
    expect(searchedTypes(request)).toEqual(['Patient', 'Foo']);
    expect(() => assertSupportedSearch(request, searchedTypes(request))).toThrow(OperationOutcomeError);
  });
});
