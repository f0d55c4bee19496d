import type { Bundle } from 'fhir/r4';
import { failure, json, searchPage, StubServer } from '../testing/stub-http-server';
import { FhirRestClient } from './fhir-rest-client';

// A FHIR server that answers 200 with the wrong resource must not be taken as "no matches": the issue's probe
// answered a search with a Patient and the critical card of a patient 30 weeks pregnant disappeared. Every
// answer is checked over real HTTP against what its URL asked for.

const TOKEN = 'secret-token-checks-3b7d';
const patient = (id: string): Record<string, unknown> => ({ resourceType: 'Patient', id });
const searchset = (entry: unknown): Record<string, unknown> => ({ resourceType: 'Bundle', type: 'searchset', entry });
const outcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception' }] };

describe('FhirRestClient checks each answer against what it asked for', () => {
  const stub = new StubServer();
  let client: FhirRestClient;

  beforeAll(() => stub.start());
  afterAll(() => stub.stop());
  beforeEach(() => {
    stub.requests.length = 0;
    client = new FhirRestClient({ baseUrl: `${stub.base}/fhir`, accessToken: TOKEN, timeoutMs: 2000 });
  });

  describe('a search must answer a searchset Bundle whose entries are resources', () => {
    it.each<[string, unknown, string]>([
      ['a Patient', patient('1'), 'a Patient'],
      ['an OperationOutcome with status 200', outcome, 'an OperationOutcome'],
      ['a Bundle of type collection', { resourceType: 'Bundle', type: 'collection', entry: [] }, 'a Bundle of type collection'],
      ['a Bundle without a type', { resourceType: 'Bundle', entry: [] }, 'a Bundle of type unknown'],
      ['a Bundle of a type that is not a name', { resourceType: 'Bundle', type: '<script>' }, 'a Bundle of type unknown'],
      ['a resource type that is not a name', { resourceType: 'x y' }, 'a resource of an unknown type'],
      ['entries without a resource', searchset([{ fullUrl: 'urn:x' }]), 'a searchset Bundle whose entries are not all resources'],
      [
        'an entry whose resource is a string',
        searchset([{ resource: 'Condition/1' }]),
        'a searchset Bundle whose entries are not all resources',
      ],
      [
        'an entry whose resource has no resourceType',
        searchset([{ resource: { id: '1' } }]),
        'a searchset Bundle whose entries are not all resources',
      ],
      ['an entry that is null', searchset([null]), 'a searchset Bundle whose entries are not all resources'],
      [
        'entries that are an object, not a list',
        searchset({ resource: patient('1') }),
        'a searchset Bundle whose entries are not all resources',
      ],
    ])('%s → unexpected-resource naming the search, not an empty result', async (_name, body, answer) => {
      stub.handler = (_req, res) => json(res, 200, body);
      const error = await failure(client.get('Condition?patient=1'));
      expect(error.kind).toBe('unexpected-resource');
      expect(error.details.query).toBe('search for Condition');
      expect(error.details.mismatch).toEqual({ answer, expected: 'a searchset Bundle' });
      expect(error.message).toBe(`FHIR server answered the search for Condition with ${answer}, not a searchset Bundle`);
    });

    it('a second page that is a Patient → unexpected-resource, not a shorter result', async () => {
      stub.handler = (req, res) =>
        (req.url ?? '').includes('_page=2') ? json(res, 200, patient('1')) : json(res, 200, searchPage(stub.base, 1, 2));
      const error = await failure(client.get('Condition?patient=1'));
      expect([error.kind, error.details.query, error.details.mismatch?.answer]).toEqual([
        'unexpected-resource',
        'search for Condition',
        'a Patient',
      ]);
    });

    it('a second page that is a Bundle of type collection → unexpected-resource', async () => {
      stub.handler = (req, res) =>
        (req.url ?? '').includes('_page=2')
          ? json(res, 200, { ...searchPage(stub.base, 2, 2), type: 'collection' })
          : json(res, 200, searchPage(stub.base, 1, 2));
      expect((await failure(client.get('Condition?patient=1'))).details.mismatch?.answer).toBe('a Bundle of type collection');
    });

    it('a page fetched to complete a Bundle sent by a client is checked too', async () => {
      stub.handler = (_req, res) => json(res, 200, { resourceType: 'Bundle', type: 'collection' });
      const error = await failure(client.completeSearchBundle(searchPage(stub.base, 1, 2)));
      expect([error.kind, error.details.query]).toEqual(['unexpected-resource', 'search for Condition']);
    });

    it('a compartment search (Patient/1/Condition) must answer a searchset too', async () => {
      stub.handler = (_req, res) => json(res, 200, patient('1'));
      const error = await failure(client.get('Patient/1/Condition'));
      expect([error.kind, error.details.query]).toEqual(['unexpected-resource', 'search for Condition']);
    });

    it.each<[string, unknown]>([
      ['no entries at all', { resourceType: 'Bundle', type: 'searchset', total: 0 }],
      ['an empty list of entries', searchset([])],
      [
        'entries of several types (_include)',
        searchset([{ resource: { resourceType: 'MedicationRequest', id: 'm' } }, { resource: { resourceType: 'Medication', id: 'x' } }]),
      ],
    ])('accepts a searchset with %s', async (_name, body) => {
      stub.handler = (_req, res) => json(res, 200, body);
      await expect(client.get('MedicationRequest?patient=1&_include=MedicationRequest:medication')).resolves.toEqual(body);
    });

    // Security probe: a Condition search answered with an Observation must not take the Conditions away —
    // the pregnant patient's critical card would disappear behind a 200.
    const observation = { resourceType: 'Observation', id: 'o1', status: 'final', code: { text: 'x' } };
    it.each<[string, string, unknown]>([
      ['a match of another type', 'Condition?patient=1', searchset([{ resource: observation }])],
      ['a match of another type marked match', 'Condition?patient=1', searchset([{ resource: observation, search: { mode: 'match' } }])],
      [
        'a match of another type marked match, even with _include',
        'DiagnosticReport?patient=1&_include=DiagnosticReport:result',
        searchset([{ resource: observation, search: { mode: 'match' } }]),
      ],
    ])('a search answered with %s → unexpected-resource, not "no matches"', async (_name, query, body) => {
      stub.handler = (_req, res) => json(res, 200, body);
      const error = await failure(client.get(query));
      expect(error.kind).toBe('unexpected-resource');
      expect(error.details.mismatch?.answer).toMatch(/^a searchset Bundle whose matches are not all (Condition|DiagnosticReport)$/);
    });

    it.each<[string, string, unknown]>([
      [
        'other types marked include',
        'Condition?patient=1',
        searchset([
          { resource: { resourceType: 'Condition', id: 'c' }, search: { mode: 'match' } },
          { resource: observation, search: { mode: 'include' } },
        ]),
      ],
      ['an OperationOutcome marked outcome', 'Condition?patient=1', searchset([{ resource: outcome, search: { mode: 'outcome' } }])],
      [
        'included resources without search.mode when _include was asked for',
        'DiagnosticReport?patient=1&_include=DiagnosticReport:result',
        searchset([{ resource: { resourceType: 'DiagnosticReport', id: 'd' } }, { resource: observation }]),
      ],
    ])('accepts a search answered with %s', async (_name, query, body) => {
      stub.handler = (_req, res) => json(res, 200, body);
      await expect(client.get(query)).resolves.toEqual(body);
    });
  });

  describe('a read must answer that resource type with that id', () => {
    it.each<[string, unknown, string]>([
      ['a Bundle', searchset([{ resource: patient('1') }]), 'a Bundle of type searchset'],
      ['another resource type', { resourceType: 'Practitioner', id: '1' }, 'a Practitioner'],
      ['an OperationOutcome with status 200', outcome, 'an OperationOutcome'],
      ['the type asked for with another id', patient('2'), 'a Patient with another id'],
      ['the type asked for without an id', { resourceType: 'Patient' }, 'a Patient with another id'],
    ])('%s → unexpected-resource naming the read', async (_name, body, answer) => {
      stub.handler = (_req, res) => json(res, 200, body);
      const error = await failure(client.get('Patient/1'));
      expect([error.kind, error.details.query, error.details.mismatch?.answer]).toEqual(['unexpected-resource', 'read of Patient', answer]);
    });

    it('accepts the resource asked for, also as a version read and with an id that needs escaping', async () => {
      stub.handler = (req, res) => json(res, 200, patient((req.url ?? '').includes('a%20b') ? 'a b' : '1'));
      await expect(client.get('Patient/1')).resolves.toEqual(patient('1'));
      await expect(client.get('Patient/1/_history/3')).resolves.toEqual(patient('1'));
      await expect(client.get('Patient/a%20b')).resolves.toEqual(patient('a b'));
    });
  });

  it('an operation, whose answer type its URL does not say, may answer any resource', async () => {
    stub.handler = (_req, res) => json(res, 200, { resourceType: 'Parameters', parameter: [] });
    await expect(client.get('Patient/1/$meta')).resolves.toEqual({ resourceType: 'Parameters', parameter: [] });
  });

  it('every failure of a call names its query, and none carries the URL, the patient id or the token', async () => {
    stub.handler = (_req, res) => json(res, 500, outcome);
    const error = await failure(client.get('Observation?patient=patient-id-9f2&code=http://loinc.org|82810-3'));
    expect([error.kind, error.details.query]).toEqual(['http', 'search for Observation']);
    const text = `${error.message} ${JSON.stringify(error)} ${error.stack}`;
    for (const secret of [TOKEN, 'patient-id-9f2', stub.base, '82810-3']) {
      expect(text).not.toContain(secret);
    }
  });

  it('a server echoing the query into the resource type does not get it into the message', async () => {
    stub.handler = (_req, res) => json(res, 200, { resourceType: `Patient ${TOKEN}` });
    const error = await failure(client.get('Condition?patient=1'));
    expect(error.message).not.toContain(TOKEN);
    expect(error.message).toContain('a resource of an unknown type');
  });

  it('a search still comes back whole when every page is a searchset Bundle', async () => {
    stub.handler = (req, res) => {
      const page = Number(new URL(req.url ?? '', stub.base).searchParams.get('_page') ?? '1');
      json(res, 200, searchPage(stub.base, page, 2));
    };
    const bundle = (await client.get('Condition?patient=1')) as unknown as Bundle;
    expect(bundle.entry?.map((e) => e.resource?.id)).toEqual(['c1', 'c2']);
  });
});
