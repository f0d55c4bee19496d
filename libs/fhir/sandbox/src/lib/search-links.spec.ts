import { parseSearchRequest } from '@medplum/core';
import { ensureFhirDefinitions } from './fhir-definitions';
import { searchLinks } from './search-links';

const BASE = 'http://127.0.0.1:9999/fhir';

function links(query: string, offset: number, count: number, total: number): Record<string, string> {
  const request = parseSearchRequest('Observation?' + query);
  return Object.fromEntries(searchLinks(BASE, request, { offset, count }, total).map((l) => [l.relation, l.url]));
}

describe('searchLinks', () => {
  beforeAll(() => ensureFhirDefinitions());

  it('gives an absolute self link and a next link on the first of several pages', () => {
    const result = links('patient=p1', 0, 20, 25);
    expect(result['self']).toBe(`${BASE}/Observation?_count=20&patient=p1`);
    expect(result['next']).toBe(`${BASE}/Observation?_count=20&_offset=20&patient=p1`);
    expect(result['previous']).toBeUndefined();
  });

  it('gives previous but not next on the last page', () => {
    const result = links('patient=p1', 20, 20, 25);
    expect(result['next']).toBeUndefined();
    expect(result['previous']).toBe(`${BASE}/Observation?_count=20&patient=p1`);
  });

  it('keeps filters, sort and includes in the links', () => {
    const result = links('code=http://loinc.org|82810-3&_sort=-date&_include=Observation:patient', 0, 1, 3);
    const next = new URL(result['next']);
    expect(next.searchParams.get('code')).toBe('http://loinc.org|82810-3');
    expect(next.searchParams.get('_sort')).toBe('-date');
    expect(next.searchParams.get('_include')).toBe('Observation:patient');
    expect(next.searchParams.get('_offset')).toBe('1');
  });

  it('never pages a count-only search', () => {
    expect(Object.keys(links('_summary=count', 0, 0, 5))).toEqual(['self']);
  });
});
