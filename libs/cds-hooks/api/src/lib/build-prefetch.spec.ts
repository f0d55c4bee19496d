import { StubFhirServer } from '../testing';
import { buildPrefetch } from './build-prefetch';
import { PrefetchUnavailableError } from './prefetch-unavailable.error';

const page = (base: string, ids: string[], next?: string): object => ({
  resourceType: 'Bundle',
  type: 'searchset',
  entry: ids.map((id) => ({ resource: { resourceType: 'Condition', id, subject: { reference: 'Patient/p 1' } } })),
  link: [{ relation: 'self', url: `${base}/Condition` }, ...(next ? [{ relation: 'next', url: `${base}/${next}` }] : [])],
});

describe('buildPrefetch', () => {
  let stub: StubFhirServer;

  beforeAll(async () => {
    stub = await StubFhirServer.start();
  });
  afterAll(() => stub.close());
  beforeEach(() => {
    stub.requests.length = 0;
  });

  it('fills the tokens as the service does, follows every page of a search, and gives null for a missing read and an unfillable template', async () => {
    stub.handler = ({ path }) => {
      if (path === 'Patient/p%201') {
        return { body: { resourceType: 'Patient', id: 'p 1' } };
      }
      if (path === 'Condition?patient=p%201') {
        return { body: page(stub.baseUrl, ['c1'], 'Condition?patient=p%201&page=2') };
      }
      if (path === 'Condition?patient=p%201&page=2') {
        return { body: page(stub.baseUrl, ['c2']) };
      }
      return { status: 404, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] } };
    };
    const prefetch = await buildPrefetch(
      {
        patient: 'Patient/{{context.patientId}}',
        conditions: 'Condition?patient={{ context.patientId }}',
        practitioner: 'Practitioner/{{userPractitionerId}}',
        role: 'PractitionerRole/{{userPractitionerRoleId}}',
      },
      { patientId: 'p 1', userId: 'Practitioner/dr-9' },
      { fhirBaseUrl: stub.baseUrl },
    );
    expect(prefetch['patient']).toEqual({ resourceType: 'Patient', id: 'p 1' });
    expect((prefetch['conditions'] as unknown as { entry: { resource: { id: string } }[] }).entry.map((e) => e.resource.id)).toEqual([
      'c1',
      'c2',
    ]);
    expect(prefetch['practitioner']).toBeNull();
    expect(prefetch['role']).toBeNull();
    expect(stub.requests.map((r) => r.path).sort()).toEqual(
      ['Condition?patient=p%201', 'Condition?patient=p%201&page=2', 'Patient/p%201', 'Practitioner/dr-9'].sort(),
    );
  });

  it('a fetch that fails: PrefetchUnavailableError naming the key', async () => {
    stub.handler = () => ({ status: 500, body: 'down' });
    const built = buildPrefetch(
      { conditions: 'Condition?patient={{context.patientId}}' },
      { patientId: 'p1' },
      { fhirBaseUrl: stub.baseUrl },
    );
    await expect(built).rejects.toBeInstanceOf(PrefetchUnavailableError);
    await expect(built).rejects.toMatchObject({ keys: ['conditions'] });
  });
});
