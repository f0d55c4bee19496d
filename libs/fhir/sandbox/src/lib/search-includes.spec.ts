import { Operator } from '@medplum/core';
import type { MedicationRequest, Resource } from '@medplum/fhirtypes';
import { ensureFhirDefinitions } from './fhir-definitions';
import type { IncludeSource } from './search-includes';
import { resolveIncludes, toRelativeReference } from './search-includes';

const BASE = 'http://127.0.0.1:9999/fhir';

const store: Resource[] = [
  { resourceType: 'Patient', id: 'p1' },
  { resourceType: 'Medication', id: 'm1' },
  { resourceType: 'Organization', id: 'o1' },
  {
    resourceType: 'Medication',
    id: 'm2',
    manufacturer: { reference: 'Organization/o1' },
  },
  {
    resourceType: 'Observation',
    id: 'obs1',
    status: 'final',
    code: {},
    subject: { reference: 'Patient/p1' },
  },
  {
    resourceType: 'Observation',
    id: 'obs2',
    status: 'final',
    code: {},
    subject: { reference: 'Patient/p1' },
  },
];

const source: IncludeSource = {
  read: async (reference) => store.find((r) => `${r.resourceType}/${r.id}` === reference),
  findReferencing: async (resourceType, _param, references) =>
    store.filter(
      (r) => r.resourceType === resourceType && references.includes((r as { subject?: { reference?: string } }).subject?.reference ?? ''),
    ),
};

function medicationRequest(id: string, medication: string): MedicationRequest {
  return {
    resourceType: 'MedicationRequest',
    id,
    status: 'active',
    intent: 'order',
    subject: { reference: `${BASE}/Patient/p1` },
    medicationReference: { reference: medication },
  };
}

const key = (r: Resource): string => `${r.resourceType}/${r.id}`;

describe('toRelativeReference', () => {
  it('accepts relative, versioned and own-server absolute references only', () => {
    expect(toRelativeReference('Patient/1', BASE)).toBe('Patient/1');
    expect(toRelativeReference('Patient/1/_history/2', BASE)).toBe('Patient/1');
    expect(toRelativeReference(`${BASE}/Patient/1`, BASE)).toBe('Patient/1');
    expect(toRelativeReference('http://elsewhere/fhir/Patient/1', BASE)).toBeUndefined();
    expect(toRelativeReference('urn:uuid:1234', BASE)).toBeUndefined();
  });
});

describe('resolveIncludes', () => {
  beforeAll(() => ensureFhirDefinitions());

  it('includes referenced resources once each, honouring a target type', async () => {
    const matches = [medicationRequest('mr1', 'Medication/m1'), medicationRequest('mr2', 'Medication/m1')];
    const included = await resolveIncludes(
      matches,
      {
        include: [
          { resourceType: 'MedicationRequest', searchParam: 'medication' },
          {
            resourceType: 'MedicationRequest',
            searchParam: 'subject',
            targetType: 'Group',
          },
        ],
      },
      source,
      BASE,
    );
    expect(included.map(key)).toEqual(['Medication/m1']);
  });

  it('adds resources that point at the matches for _revinclude, skipping the matches themselves', async () => {
    const included = await resolveIncludes(
      store.filter((r) => r.id === 'p1' || r.id === 'obs1'),
      { revInclude: [{ resourceType: 'Observation', searchParam: 'patient' }] },
      source,
      BASE,
    );
    expect(included.map(key)).toEqual(['Observation/obs2']);
  });

  it('follows _include:iterate from included resources', async () => {
    const matches = [medicationRequest('mr1', 'Medication/m2')];
    const include = {
      resourceType: 'MedicationRequest',
      searchParam: 'medication',
    };
    const manufacturer = {
      resourceType: 'Medication',
      searchParam: 'manufacturer',
    };
    const iterated = await resolveIncludes(matches, { include: [include, { ...manufacturer, modifier: Operator.ITERATE }] }, source, BASE);
    expect(iterated.map(key)).toEqual(['Medication/m2', 'Organization/o1']);

    const once = await resolveIncludes(matches, { include: [include, manufacturer] }, source, BASE);
    expect(once.map(key)).toEqual(['Medication/m2']);
  });

  it('applies :iterate targets to what the previous round included', async () => {
    const matches = [medicationRequest('mr1', 'Medication/m1')];
    const request = {
      include: [{ resourceType: 'MedicationRequest', searchParam: 'subject' }],
      revInclude: [
        {
          resourceType: 'Observation',
          searchParam: 'patient',
          modifier: Operator.ITERATE,
        },
      ],
    };
    const included = await resolveIncludes(matches, request, source, BASE);
    expect(included.map(key)).toEqual(['Patient/p1', 'Observation/obs1', 'Observation/obs2']);

    const withoutIterate = await resolveIncludes(
      matches,
      {
        ...request,
        revInclude: [{ resourceType: 'Observation', searchParam: 'patient' }],
      },
      source,
      BASE,
    );
    expect(withoutIterate.map(key)).toEqual(['Patient/p1']);
  });
});
