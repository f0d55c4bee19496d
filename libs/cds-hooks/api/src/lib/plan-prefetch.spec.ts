import { isIncompleteSearchBundle, planPrefetch } from './plan-prefetch';

const templates = {
  patient: 'Patient/{{context.patientId}}',
  conditions: 'Condition?patient={{context.patientId}}',
  encounter: 'Encounter/{{context.encounterId}}',
};
const context = { patientId: '123' };
const page1 = {
  resourceType: 'Bundle',
  type: 'searchset',
  total: 2,
  link: [{ relation: 'next', url: 'https://ehr.example.org/fhir/Condition?page=2' }],
  entry: [{ resource: { resourceType: 'Condition', id: 'c1' } }],
};

describe('planPrefetch', () => {
  it('uses sent data, keeps null, fetches absent keys, and cannot fetch what the context lacks', () => {
    const patient = { resourceType: 'Patient', id: '123' };
    expect(planPrefetch(templates, { patient, conditions: null }, context)).toEqual([
      { key: 'patient', kind: 'provided', value: patient },
      { key: 'conditions', kind: 'no-data' },
      { key: 'encounter', kind: 'unresolvable', tokens: ['context.encounterId'] },
    ]);
    expect(planPrefetch(templates, undefined, { patientId: '123', encounterId: 'e1' })).toEqual([
      { key: 'patient', kind: 'fetch', url: 'Patient/123' },
      { key: 'conditions', kind: 'fetch', url: 'Condition?patient=123' },
      { key: 'encounter', kind: 'fetch', url: 'Encounter/e1' },
    ]);
  });

  it('flags an OperationOutcome sent instead of data', () => {
    const outcome = { resourceType: 'OperationOutcome', issue: [] };
    expect(planPrefetch({ patient: templates.patient }, { patient: outcome }, context)).toEqual([
      { key: 'patient', kind: 'client-error', outcome },
    ]);
  });

  it('asks to complete a paginated search Bundle', () => {
    expect(planPrefetch({ conditions: templates.conditions }, { conditions: page1 }, context)).toEqual([
      { key: 'conditions', kind: 'complete', bundle: page1 },
    ]);
  });

  it('plans nothing for a service without templates', () => {
    expect(planPrefetch(undefined, { anything: null }, context)).toEqual([]);
  });
});

describe('isIncompleteSearchBundle', () => {
  it('is true for a next link with fewer entries than total, or no total', () => {
    expect(isIncompleteSearchBundle(page1)).toBe(true);
    expect(isIncompleteSearchBundle({ ...page1, total: undefined })).toBe(true);
  });

  it('is false without a next link, when all entries are there, or for non-Bundles', () => {
    expect(isIncompleteSearchBundle({ ...page1, link: [{ relation: 'self', url: 'x' }] })).toBe(false);
    expect(isIncompleteSearchBundle({ ...page1, link: undefined })).toBe(false);
    expect(isIncompleteSearchBundle({ ...page1, total: 1 })).toBe(false);
    expect(isIncompleteSearchBundle({ resourceType: 'Patient', link: page1.link })).toBe(false);
    expect(isIncompleteSearchBundle(null)).toBe(false);
  });
});
