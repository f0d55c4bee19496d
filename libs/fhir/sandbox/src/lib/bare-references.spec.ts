import type { Filter } from '@medplum/core';
import { Operator } from '@medplum/core';
import { qualifyBareReferences } from './bare-references';
import { ensureFhirDefinitions } from './fhir-definitions';

const eq = (code: string, value: string): Filter => ({
  code,
  operator: Operator.EQUALS,
  value,
});

describe('qualifyBareReferences', () => {
  beforeAll(() => ensureFhirDefinitions());

  it('prefixes a bare patient id with Patient/', () => {
    expect(qualifyBareReferences([eq('patient', 'abc-1')], 'Observation')).toEqual([eq('patient', 'Patient/abc-1')]);
  });

  it('qualifies each bare value of an OR list and keeps qualified ones', () => {
    expect(qualifyBareReferences([eq('patient', 'a,Patient/b')], 'Condition')).toEqual([eq('patient', 'Patient/a,Patient/b')]);
  });

  it('expands subject to every target type, Patient included', () => {
    const [filter] = qualifyBareReferences([eq('subject', 'x')], 'Observation') ?? [];
    expect(filter.value.split(',').sort()).toEqual(['Device/x', 'Group/x', 'Location/x', 'Patient/x']);
  });

  it('leaves non-reference parameters, absolute URLs and :missing alone', () => {
    const untouched = [
      eq('code', 'http://loinc.org|82810-3'),
      eq('patient', 'http://other.example/fhir/Patient/1'),
      { code: 'patient', operator: Operator.MISSING, value: 'true' },
    ];
    expect(qualifyBareReferences(untouched, 'Observation')).toEqual(untouched);
    expect(qualifyBareReferences(undefined, 'Observation')).toBeUndefined();
  });
});
