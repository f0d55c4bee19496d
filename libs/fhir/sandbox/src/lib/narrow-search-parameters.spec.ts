import type { TypeInfo } from '@medplum/core';
import type { SearchParameter } from '@medplum/fhirtypes';
import { narrowSearchParameters, splitTopLevelUnion } from './narrow-search-parameters';

function param(code: string, expression: string): SearchParameter {
  return {
    resourceType: 'SearchParameter',
    code,
    expression,
  } as SearchParameter;
}

describe('splitTopLevelUnion', () => {
  it('splits on top-level pipes only', () => {
    expect(splitTopLevelUnion('A.x | B.y')).toEqual(['A.x', 'B.y']);
    expect(splitTopLevelUnion('(A.value as Quantity) | (A.value as SampledData)')).toEqual([
      '(A.value as Quantity)',
      '(A.value as SampledData)',
    ]);
    expect(splitTopLevelUnion('(A.a | A.b).c | B.d')).toEqual(['(A.a | A.b).c', 'B.d']);
    expect(splitTopLevelUnion("A.where(x = '|') | B.y")).toEqual(["A.where(x = '|')", 'B.y']);
  });
});

describe('narrowSearchParameters', () => {
  it("keeps each type's own branches of a shared expression, in a copy", () => {
    const shared = param('patient', 'A.subject | B.patient | (A.x as Reference)');
    const own = param('only', 'A.only');
    const types: Record<string, TypeInfo> = {
      A: { searchParams: { patient: shared, only: own } },
      B: { searchParams: { patient: shared } },
      C: { searchParams: { patient: shared } },
    };

    expect(narrowSearchParameters(types)).toBe(2);
    expect(types['A'].searchParams?.['patient'].expression).toBe('A.subject | (A.x as Reference)');
    expect(types['B'].searchParams?.['patient'].expression).toBe('B.patient');
    // No branch of its own: left alone rather than emptied.
    expect(types['C'].searchParams?.['patient']).toBe(shared);
    expect(types['A'].searchParams?.['only']).toBe(own);
    expect(shared.expression).toBe('A.subject | B.patient | (A.x as Reference)');
  });
});
