import { findMissingPrefetchKeys } from './missing-prefetch-keys';

describe('findMissingPrefetchKeys', () => {
  const templates = { patient: 'Patient/{{context.patientId}}', conditions: 'Condition?patient={{context.patientId}}' };

  it('lists template keys absent from the request, in template order', () => {
    expect(findMissingPrefetchKeys(templates, { patient: { resourceType: 'Patient' } })).toEqual(['conditions']);
    expect(findMissingPrefetchKeys(templates, {})).toEqual(['patient', 'conditions']);
    expect(findMissingPrefetchKeys(templates, undefined)).toEqual(['patient', 'conditions']);
  });

  it('never lists a key sent as null: null means "no data", not "please fetch"', () => {
    expect(findMissingPrefetchKeys(templates, { patient: null, conditions: null })).toEqual([]);
  });

  it('ignores extra keys the client sent and services without templates', () => {
    expect(findMissingPrefetchKeys(templates, { patient: null, conditions: null, other: null })).toEqual([]);
    expect(findMissingPrefetchKeys(undefined, { other: null })).toEqual([]);
    expect(findMissingPrefetchKeys({}, undefined)).toEqual([]);
  });

  it('does not mistake inherited object properties for sent keys', () => {
    expect(findMissingPrefetchKeys({ toString: 'Patient/1' }, {})).toEqual(['toString']);
  });
});
