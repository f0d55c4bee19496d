import { parseSearchRequest } from '@medplum/core';
import type { Observation } from '@medplum/fhirtypes';
import { ensureFhirDefinitions } from './fhir-definitions';
import { sortKeyOf, sortResources } from './search-sort';

function obs(id: string, date?: string, status = 'final'): Observation {
  return {
    resourceType: 'Observation',
    id,
    status: status as Observation['status'],
    code: { text: 'x' },
    ...(date ? { effectiveDateTime: date } : {}),
  };
}

const ids = (list: Observation[]): (string | undefined)[] => list.map((o) => o.id);
const rules = (sort: string): ReturnType<typeof parseSearchRequest>['sortRules'] =>
  parseSearchRequest('Observation?_sort=' + sort).sortRules;

describe('sortKeyOf', () => {
  it('reduces FHIR values to a comparable key', () => {
    expect(sortKeyOf('2020-01-01')).toBe('2020-01-01');
    expect(sortKeyOf(3)).toBe(3);
    expect(sortKeyOf({ start: '2020', end: '2021' })).toBe('2020');
    expect(sortKeyOf({ coding: [{ system: 's', code: 'c' }] })).toBe('c');
    expect(sortKeyOf({ family: 'Smith', given: ['Ann'] })).toBe('Smith');
    expect(sortKeyOf({ value: 5, unit: 'mg' })).toBe(5);
    expect(sortKeyOf(undefined)).toBeUndefined();
  });
});

describe('sortResources', () => {
  beforeAll(() => ensureFhirDefinitions());

  const data = [obs('b', '2021-01-01T00:00:00Z'), obs('none'), obs('c', '2023-01-01T00:00:00Z'), obs('a', '2019-01-01T00:00:00Z')];

  it('sorts descending and ascending, values before missing ones in both', () => {
    expect(ids(sortResources(data, rules('-date')))).toEqual(['c', 'b', 'a', 'none']);
    expect(ids(sortResources(data, rules('date')))).toEqual(['a', 'b', 'c', 'none']);
  });

  it('uses the first rule as the primary key', () => {
    const mixed = [
      obs('x2', '2020-01-01T00:00:00Z', 'amended'),
      obs('x1', '2022-01-01T00:00:00Z', 'final'),
      obs('x3', '2021-01-01T00:00:00Z', 'amended'),
    ];
    expect(ids(sortResources(mixed, rules('status,-date')))).toEqual(['x3', 'x2', 'x1']);
  });

  it('keeps the order when there is no _sort', () => {
    expect(sortResources(data, undefined)).toBe(data);
  });
});
