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

  it.each<[string, string, unknown, string, string]>([
    ['a Patient for the conditions search', 'conditions', { resourceType: 'Patient', id: '123' }, 'search for Condition', 'a Patient'],
    [
      'a Bundle of type collection for the conditions search',
      'conditions',
      { resourceType: 'Bundle', type: 'collection' },
      'search for Condition',
      'a Bundle of type collection',
    ],
    [
      'a searchset whose entries are not resources',
      'conditions',
      { resourceType: 'Bundle', type: 'searchset', entry: [{}] },
      'search for Condition',
      'a searchset Bundle whose entries are not all resources',
    ],
    [
      'a Bundle for the patient read',
      'patient',
      { resourceType: 'Bundle', type: 'searchset' },
      'read of Patient',
      'a Bundle of type searchset',
    ],
  ])('flags %s as malformed (it would silently lose data)', (_name, key, value, query, answer) => {
    const [step] = planPrefetch({ [key]: templates[key as 'patient' | 'conditions'] }, { [key]: value }, context);
    expect(step).toMatchObject({ key, kind: 'malformed', query, mismatch: { answer } });
  });

  it("accepts a sent Patient whose id is not the context's (client examples do that; the client chose the patient)", () => {
    const other = { resourceType: 'Patient', id: '1' };
    expect(planPrefetch({ patient: templates.patient }, { patient: other }, context)).toEqual([
      { key: 'patient', kind: 'provided', value: other },
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
