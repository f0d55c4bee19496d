import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import type { Bundle, BundleEntry, CapabilityStatement, Condition, FhirResource, Observation, OperationOutcome, Patient } from 'fhir/r4';
import Client from 'fhir-kit-client';
import type { FhirSandbox } from '../index';
import { startFhirSandbox } from '../index';

/** Bundles we build: entries typed as concrete resources, `type` narrowed for fhir-kit-client. */
type Transaction = Bundle<FhirResource> & { type: 'transaction' };
type Entry = BundleEntry<FhirResource>;

const LOINC_PREGNANCY = 'http://loinc.org|82810-3';
const CLINICAL_STATUS = 'http://terminology.hl7.org/CodeSystem/condition-clinical';

/** fhir-kit-client rejects with `{ response: { status, data } }`, not an Error. */
interface KitError {
  response: { status: number; data: OperationOutcome };
}

async function kitFailure(promise: Promise<unknown>): Promise<KitError['response']> {
  try {
    await promise;
  } catch (err) {
    return (err as KitError).response;
  }
  throw new Error('expected the request to fail');
}

function matches<T extends FhirResource>(bundle: Bundle): T[] {
  return (bundle.entry ?? []).filter((e) => e.search?.mode === 'match').map((e) => e.resource as T);
}

function observation(patientUrn: string, code: string, effective?: string): Entry {
  const [system, value] = code.split('|');
  const resource: Observation = {
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system, code: value }] },
    subject: { reference: patientUrn },
    ...(effective ? { effectiveDateTime: effective } : {}),
  };
  return {
    fullUrl: `urn:uuid:${randomUUID()}`,
    resource,
    request: { method: 'POST', url: 'Observation' },
  };
}

function condition(patientUrn: string, status: string): Entry {
  const resource: Condition = {
    resourceType: 'Condition',
    clinicalStatus: { coding: [{ system: CLINICAL_STATUS, code: status }] },
    code: { coding: [{ system: 'http://snomed.info/sct', code: '289530006' }] },
    subject: { reference: patientUrn },
  };
  return {
    fullUrl: `urn:uuid:${randomUUID()}`,
    resource,
    request: { method: 'POST', url: 'Condition' },
  };
}

/** One patient with pregnancy tests in 2019/2021/2023, an undated one, a heart rate, two Conditions and a MedicationRequest. */
function seedBundle(runId: string): Transaction {
  const patientUrn = `urn:uuid:${randomUUID()}`;
  const medicationUrn = `urn:uuid:${randomUUID()}`;
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        fullUrl: patientUrn,
        resource: {
          resourceType: 'Patient',
          identifier: [{ system: 'urn:test-run', value: runId }],
          gender: 'female',
          birthDate: '1990-04-01',
        },
        request: { method: 'POST', url: 'Patient' },
      },
      observation(patientUrn, LOINC_PREGNANCY, '2021-06-01T10:00:00Z'),
      observation(patientUrn, LOINC_PREGNANCY, '2023-03-15T09:30:00Z'),
      observation(patientUrn, LOINC_PREGNANCY, '2019-01-20T08:00:00Z'),
      observation(patientUrn, LOINC_PREGNANCY),
      observation(patientUrn, 'http://loinc.org|8867-4', '2024-01-01T00:00:00Z'),
      condition(patientUrn, 'active'),
      condition(patientUrn, 'resolved'),
      {
        fullUrl: medicationUrn,
        resource: {
          resourceType: 'Medication',
          code: { text: 'norethisterone' },
        },
        request: { method: 'POST', url: 'Medication' },
      },
      {
        fullUrl: `urn:uuid:${randomUUID()}`,
        resource: {
          resourceType: 'MedicationRequest',
          status: 'active',
          intent: 'order',
          medicationReference: { reference: medicationUrn },
          subject: { reference: patientUrn },
        },
        request: { method: 'POST', url: 'MedicationRequest' },
      },
    ],
  };
}

function idFromLocation(entry: BundleEntry | undefined): string {
  const location = entry?.response?.location ?? '';
  return location.split('/')[1];
}

describe('startFhirSandbox over HTTP', () => {
  let sandbox: FhirSandbox;
  let client: Client;
  let seed: Bundle;
  let patientId: string;

  beforeAll(async () => {
    sandbox = await startFhirSandbox();
    client = new Client({ baseUrl: sandbox.baseUrl });
    seed = await sandbox.transaction(seedBundle(randomUUID()));
    patientId = idFromLocation(seed.entry?.[0]);
  });

  afterAll(async () => {
    await sandbox.close();
  });

  describe('start-up and metadata', () => {
    it('listens on 127.0.0.1 with an ephemeral port and the /fhir base', () => {
      expect(sandbox.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/fhir$/);
      expect(sandbox.baseUrl).not.toMatch(/:0\//);
    });

    it('does not accept connections on other addresses (127.0.0.2 is loopback too, but not bound)', async () => {
      const port = Number(new URL(sandbox.baseUrl).port);
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect(port, '127.0.0.2');
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
      });
      expect(outcome).toBe('ECONNREFUSED');
    });

    it('answers GET [base]/metadata with a minimal R4 CapabilityStatement', async () => {
      const statement = (await client.capabilityStatement()) as CapabilityStatement;
      expect(statement.resourceType).toBe('CapabilityStatement');
      expect(statement.fhirVersion).toBe('4.0.1');
      expect(statement.rest?.[0].mode).toBe('server');
      const types = statement.rest?.[0].resource?.map((r) => r.type) ?? [];
      expect(types).toEqual(expect.arrayContaining(['Patient', 'Observation', 'Condition']));
      expect(types).not.toContain('DomainResource');
    });
  });

  describe('transaction', () => {
    it('answers a transaction-response with 201 per entry and rewrites urn:uuid references', async () => {
      expect(seed.type).toBe('transaction-response');
      expect(seed.entry).toHaveLength(10);
      expect(seed.entry?.map((e) => e.response?.status)).toEqual(Array(10).fill('201'));

      const observationId = idFromLocation(seed.entry?.[1]);
      const stored = (await client.read({
        resourceType: 'Observation',
        id: observationId,
      })) as Observation;
      expect(stored.subject?.reference).toBe(`Patient/${patientId}`);

      const medicationRequest = seed.entry?.[9].resource as {
        medicationReference?: { reference?: string };
      };
      expect(medicationRequest.medicationReference?.reference).toBe(`Medication/${idFromLocation(seed.entry?.[8])}`);
    });

    it('accepts a transaction POSTed to [base] over HTTP', async () => {
      const response = (await client.transaction({
        body: seedBundle(randomUUID()),
      })) as Bundle;
      expect(response.type).toBe('transaction-response');
      expect(response.entry?.every((e) => e.response?.status === '201')).toBe(true);
    });

    it('is all-or-nothing: a failing entry rolls back the others and answers an OperationOutcome', async () => {
      const runId = randomUUID();
      const bundle: Transaction = {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          {
            resource: {
              resourceType: 'Patient',
              identifier: [{ system: 'urn:test-run', value: runId }],
            },
            request: { method: 'POST', url: 'Patient' },
          },
          {
            // id in the body differs from the URL: medplum refuses it
            resource: { resourceType: 'Patient', id: 'other-id' },
            request: { method: 'PUT', url: 'Patient/pcb-rollback' },
          },
        ],
      };
      const failure = await kitFailure(client.transaction({ body: bundle }));
      expect(failure.status).toBe(400);
      expect(failure.data.resourceType).toBe('OperationOutcome');

      const search = (await client.search({
        resourceType: 'Patient',
        searchParams: { identifier: `urn:test-run|${runId}` },
      })) as Bundle;
      expect(matches(search)).toHaveLength(0);

      await expect(sandbox.transaction(bundle)).rejects.toMatchObject({
        outcome: { resourceType: 'OperationOutcome' },
      });
    });

    it('does not mutate the Bundle passed in-process', async () => {
      const bundle = seedBundle(randomUUID());
      const before = JSON.stringify(bundle);
      await sandbox.transaction(bundle);
      expect(JSON.stringify(bundle)).toBe(before);
    });

    it('answers a batch of searches with a batch-response, applying the same search fixes', async () => {
      const response = (await client.batch({
        body: {
          resourceType: 'Bundle',
          type: 'batch',
          entry: [
            { request: { method: 'GET', url: `Patient/${patientId}` } },
            {
              request: {
                method: 'GET',
                url: `Observation?patient=${patientId}&code=${encodeURIComponent(LOINC_PREGNANCY)}`,
              },
            },
          ],
        },
      })) as Bundle;
      expect(response.type).toBe('batch-response');
      expect(response.entry?.map((e) => e.response?.status)).toEqual(['200', '200']);
      expect((response.entry?.[1].resource as Bundle).total).toBe(4);
    });
  });

  describe('search', () => {
    it('finds the latest pregnancy test by bare patient id, code, _sort=-date and _count=1', async () => {
      const bundle = (await client.search({
        resourceType: 'Observation',
        searchParams: {
          patient: patientId,
          code: LOINC_PREGNANCY,
          _sort: '-date',
          _count: 1,
        },
      })) as Bundle;
      expect(bundle.total).toBe(4);
      const [latest] = matches<Observation>(bundle);
      expect(matches(bundle)).toHaveLength(1);
      expect(latest.effectiveDateTime).toBe('2023-03-15T09:30:00Z');
    });

    it('sorts ascending with the undated resource last', async () => {
      const bundle = (await client.search({
        resourceType: 'Observation',
        searchParams: {
          patient: patientId,
          code: LOINC_PREGNANCY,
          _sort: 'date',
        },
      })) as Bundle;
      expect(matches<Observation>(bundle).map((o) => o.effectiveDateTime?.slice(0, 4))).toEqual(['2019', '2021', '2023', undefined]);
    });

    it('combines date prefixes (AND) and code OR lists', async () => {
      const bundle = (await client.search({
        resourceType: 'Observation',
        searchParams: {
          patient: patientId,
          code: `${LOINC_PREGNANCY},http://loinc.org|8867-4`,
          date: ['ge2020-01-01', 'lt2024-01-01'],
        },
      })) as Bundle;
      expect(
        matches<Observation>(bundle)
          .map((o) => o.effectiveDateTime?.slice(0, 4))
          .sort(),
      ).toEqual(['2021', '2023']);
    });

    it('finds active Conditions with patient=<id>&clinical-status=active', async () => {
      const bundle = (await client.search({
        resourceType: 'Condition',
        searchParams: { patient: patientId, 'clinical-status': 'active' },
      })) as Bundle;
      const found = matches<Condition>(bundle);
      expect(found).toHaveLength(1);
      expect(found[0].clinicalStatus?.coding?.[0].code).toBe('active');
    });

    it('qualifies bare ids for subject= and inside comma OR lists', async () => {
      const bySubject = (await client.search({
        resourceType: 'Condition',
        searchParams: { subject: patientId },
      })) as Bundle;
      expect(matches(bySubject)).toHaveLength(2);

      const byOrList = (await client.search({
        resourceType: 'Condition',
        searchParams: { patient: `no-such-patient,${patientId}` },
      })) as Bundle;
      expect(matches(byOrList)).toHaveLength(2);
    });

    it('still accepts the qualified Patient/<id> form', async () => {
      const bundle = (await client.search({
        resourceType: 'Observation',
        searchParams: { subject: `Patient/${patientId}` },
      })) as Bundle;
      expect(matches(bundle)).toHaveLength(5);
    });

    it('pages 25 resources as 20 + 5 through absolute next links (fhir-kit nextPage)', async () => {
      const system = `urn:test-page:${randomUUID()}`;
      await sandbox.transaction({
        resourceType: 'Bundle',
        type: 'transaction',
        entry: Array.from({ length: 25 }, (_, i) => ({
          resource: {
            resourceType: 'Patient',
            identifier: [{ system, value: String(i) }],
          } as Patient,
          request: { method: 'POST' as const, url: 'Patient' },
        })),
      });

      const first = (await client.search({
        resourceType: 'Patient',
        searchParams: { identifier: `${system}|` },
      })) as Bundle;
      expect(first.total).toBe(25);
      expect(matches(first)).toHaveLength(20);
      const next = first.link?.find((l) => l.relation === 'next')?.url ?? '';
      expect(next.startsWith(sandbox.baseUrl + '/Patient?')).toBe(true);
      expect(first.link?.find((l) => l.relation === 'previous')).toBeUndefined();

      const second = (await client.nextPage({
        bundle: first as Bundle & { type: 'searchset' },
      })) as Bundle;
      expect(matches(second)).toHaveLength(5);
      expect(second.link?.find((l) => l.relation === 'previous')).toBeDefined();
      expect(second.link?.find((l) => l.relation === 'next')).toBeUndefined();

      const ids = [...matches(first), ...matches(second)].map((p) => p.id);
      expect(new Set(ids).size).toBe(25);
    });

    it('adds referencing resources for _revinclude, marked search.mode include', async () => {
      const bundle = (await client.search({
        resourceType: 'Patient',
        searchParams: { _id: patientId, _revinclude: 'Observation:patient' },
      })) as Bundle;
      expect(matches(bundle).map((p) => p.id)).toEqual([patientId]);
      const included = (bundle.entry ?? []).filter((e) => e.search?.mode === 'include');
      expect(included).toHaveLength(5);
      expect(included.every((e) => e.resource?.resourceType === 'Observation')).toBe(true);
    });

    it('adds referenced resources for _include', async () => {
      const bundle = (await client.search({
        resourceType: 'MedicationRequest',
        searchParams: {
          patient: patientId,
          _include: 'MedicationRequest:medication',
        },
      })) as Bundle;
      expect(matches(bundle)).toHaveLength(1);
      const included = (bundle.entry ?? []).filter((e) => e.search?.mode === 'include');
      expect(included.map((e) => e.resource?.resourceType)).toEqual(['Medication']);
    });

    it('answers an unknown search parameter with 400 OperationOutcome', async () => {
      const failure = await kitFailure(
        client.search({
          resourceType: 'Observation',
          searchParams: { foo: 'bar' },
        }),
      );
      expect(failure.status).toBe(400);
      expect(failure.data.resourceType).toBe('OperationOutcome');
    });

    it('answers an unknown resource type with 400 OperationOutcome, for search and read', async () => {
      for (const path of ['Foo?name=x', 'Foo/1']) {
        const response = await fetch(`${sandbox.baseUrl}/${path}`);
        expect(response.status).toBe(400);
        expect(((await response.json()) as FhirResource).resourceType).toBe('OperationOutcome');
      }
    });

    it('answers a malformed date with 400 OperationOutcome', async () => {
      const failure = await kitFailure(
        client.search({
          resourceType: 'Observation',
          searchParams: { date: 'notadate' },
        }),
      );
      expect(failure.status).toBe(400);
    });

    it('accepts results-control parameters (_summary=count, _elements, _total)', async () => {
      const count = (await client.search({
        resourceType: 'Observation',
        searchParams: { patient: patientId, _summary: 'count' },
      })) as Bundle;
      expect(count.total).toBe(5);
      expect(count.entry).toBeUndefined();

      const subset = (await client.search({
        resourceType: 'Patient',
        searchParams: {
          _id: patientId,
          _elements: 'gender',
          _total: 'accurate',
        },
      })) as Bundle;
      const [patient] = matches<Patient>(subset);
      expect(patient.gender).toBe('female');
      expect(patient.birthDate).toBeUndefined();
    });

    it('searches by POST [type]/_search with a form-encoded body (CDS Hooks sandbox prefetch)', async () => {
      const viaKit = (await client.search({
        resourceType: 'Observation',
        searchParams: { patient: patientId, code: LOINC_PREGNANCY },
        options: { postSearch: true } as RequestInit,
      })) as Bundle;
      expect(matches(viaKit)).toHaveLength(4);

      // Parameters may be split between the URL and the form body.
      const response = await fetch(`${sandbox.baseUrl}/Observation/_search?code=${encodeURIComponent(LOINC_PREGNANCY)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          patient: patientId,
          _count: '2',
        }).toString(),
      });
      expect(response.status).toBe(200);
      const bundle = (await response.json()) as Bundle;
      expect(bundle.total).toBe(4);
      expect(matches(bundle)).toHaveLength(2);
    });

    it('matches identifier=system|value (needs the full structure definitions)', async () => {
      const runId = randomUUID();
      await sandbox.transaction(seedBundle(runId));
      const bundle = (await client.search({
        resourceType: 'Patient',
        searchParams: { identifier: `urn:test-run|${runId}` },
      })) as Bundle;
      expect(matches(bundle)).toHaveLength(1);
    });
  });

  describe('create, read, update, delete', () => {
    it('creates with 201, Location, ETag and Last-Modified', async () => {
      const response = await fetch(`${sandbox.baseUrl}/Patient`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/fhir+json' },
        body: JSON.stringify({ resourceType: 'Patient', gender: 'female' }),
      });
      expect(response.status).toBe(201);
      const created = (await response.json()) as Patient;
      expect(response.headers.get('location')).toBe(`${sandbox.baseUrl}/Patient/${created.id}/_history/${created.meta?.versionId}`);
      expect(response.headers.get('etag')).toBe(`W/"${created.meta?.versionId}"`);
    });

    it('conditionally creates with If-None-Exist (returns the existing resource)', async () => {
      const body = {
        resourceType: 'Patient',
        identifier: [{ system: 'urn:test-run', value: randomUUID() }],
      };
      const first = (await client.create({
        resourceType: 'Patient',
        body,
      })) as Patient;
      const [system, value] = [body.identifier[0].system, body.identifier[0].value];
      const second = (await client.create({
        resourceType: 'Patient',
        body,
        options: {
          headers: { 'If-None-Exist': `identifier=${system}|${value}` },
        },
      })) as Patient;
      expect(second.id).toBe(first.id);
    });

    it('PUT with a client-chosen id creates (201), then reads back with ETag and Last-Modified', async () => {
      const id = 'pcb-demo-under-21';
      const put = await fetch(`${sandbox.baseUrl}/Patient/${id}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/fhir+json' },
        body: JSON.stringify({
          resourceType: 'Patient',
          id,
          birthDate: '2007-02-01',
        }),
      });
      expect(put.status).toBe(201);

      const read = await fetch(`${sandbox.baseUrl}/Patient/${id}`);
      expect(read.status).toBe(200);
      const patient = (await read.json()) as Patient;
      expect(patient.birthDate).toBe('2007-02-01');
      expect(read.headers.get('etag')).toBe(`W/"${patient.meta?.versionId}"`);
      expect(read.headers.get('last-modified')).toBe(new Date(patient.meta?.lastUpdated ?? '').toUTCString());

      const updated = (await client.update({
        resourceType: 'Patient',
        id,
        body: { ...patient, birthDate: '2007-02-02' },
      })) as Patient;
      expect(updated.meta?.versionId).not.toBe(patient.meta?.versionId);

      const firstVersion = (await client.vread({
        resourceType: 'Patient',
        id,
        version: patient.meta?.versionId ?? '',
      })) as Patient;
      expect(firstVersion.birthDate).toBe('2007-02-01');
    });

    it('deletes, after which a read is 404 OperationOutcome as application/fhir+json', async () => {
      const created = (await client.create({
        resourceType: 'Patient',
        body: { resourceType: 'Patient' },
      })) as Patient;
      await client.delete({ resourceType: 'Patient', id: created.id ?? '' });
      const response = await fetch(`${sandbox.baseUrl}/Patient/${created.id}`);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
      expect(((await response.json()) as FhirResource).resourceType).toBe('OperationOutcome');
    });

    it('stores structurally invalid resources when validation is off (the default)', async () => {
      const response = await fetch(`${sandbox.baseUrl}/Patient`, {
        method: 'POST',
        body: JSON.stringify({
          resourceType: 'Patient',
          birthDate: 'not-a-date',
        }),
      });
      expect(response.status).toBe(201);
    });
  });

  describe('HTTP', () => {
    it('answers every FHIR response as application/fhir+json with CORS', async () => {
      for (const path of [`Patient/${patientId}`, 'Patient?_count=1', 'metadata', 'Patient/missing']) {
        const response = await fetch(`${sandbox.baseUrl}/${path}`);
        expect(response.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
        expect(response.headers.get('access-control-allow-origin')).toBe('*');
      }
    });

    it('answers an OPTIONS preflight with 204, methods and headers', async () => {
      const response = await fetch(`${sandbox.baseUrl}/Observation/_search`, {
        method: 'OPTIONS',
        headers: {
          Origin: 'http://localhost:4200',
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization, content-type',
        },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      const methods = response.headers.get('access-control-allow-methods') ?? '';
      for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
        expect(methods).toContain(method);
      }
      const headers = response.headers.get('access-control-allow-headers') ?? '';
      for (const header of ['Authorization', 'Content-Type', 'Accept', 'Cache-Control', 'Prefer']) {
        expect(headers).toContain(header);
      }
    });

    it('accepts and ignores Authorization: Bearer', async () => {
      const withToken = new Client({
        baseUrl: sandbox.baseUrl,
        bearerToken: 'ehr-token',
      });
      const patient = (await withToken.read({
        resourceType: 'Patient',
        id: patientId,
      })) as Patient;
      expect(patient.id).toBe(patientId);

      const response = await fetch(`${sandbox.baseUrl}/Patient?_id=${patientId}`, {
        headers: { Authorization: 'Bearer something-else' },
      });
      expect(response.status).toBe(200);
    });

    it('answers malformed JSON with 400 OperationOutcome and keeps serving', async () => {
      const response = await fetch(`${sandbox.baseUrl}/Patient`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/fhir+json' },
        body: '{"resourceType": "Patient",',
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as FhirResource).resourceType).toBe('OperationOutcome');

      const after = await fetch(`${sandbox.baseUrl}/Patient/${patientId}`);
      expect(after.status).toBe(200);
    });

    it('answers a body over 10 MB with 413 OperationOutcome', async () => {
      const big = JSON.stringify({
        resourceType: 'Patient',
        text: { status: 'generated', div: 'x'.repeat(10 * 1024 * 1024) },
      });
      const response = await fetch(`${sandbox.baseUrl}/Patient`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/fhir+json' },
        body: big,
      });
      expect(response.status).toBe(413);
      expect(((await response.json()) as FhirResource).resourceType).toBe('OperationOutcome');
    });

    it('refuses a JSON body on POST _search (415) and unsupported methods (405)', async () => {
      const json = await fetch(`${sandbox.baseUrl}/Patient/_search`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ _id: patientId }),
      });
      expect(json.status).toBe(415);
      const head = await fetch(`${sandbox.baseUrl}/Patient/${patientId}`, {
        method: 'HEAD',
      });
      expect(head.status).toBe(405);
    });

    it('answers paths outside the base with 404 OperationOutcome', async () => {
      const origin = new URL(sandbox.baseUrl).origin;
      const response = await fetch(`${origin}/Patient/${patientId}`);
      expect(response.status).toBe(404);
      expect(((await response.json()) as FhirResource).resourceType).toBe('OperationOutcome');
    });
  });
});

describe('startFhirSandbox options', () => {
  it('validates creates, updates and transaction entries when validate is true', async () => {
    const sandbox = await startFhirSandbox({ validate: true, basePath: '/' });
    try {
      expect(sandbox.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const post = (body: unknown, path = 'Patient', method = 'POST'): Promise<Response> =>
        fetch(`${sandbox.baseUrl}/${path}`, {
          method,
          headers: { 'Content-Type': 'application/fhir+json' },
          body: JSON.stringify(body),
        });

      const badDate = await post({
        resourceType: 'Patient',
        birthDate: 'not-a-date',
      });
      expect(badDate.status).toBe(400);
      expect(((await badDate.json()) as FhirResource).resourceType).toBe('OperationOutcome');

      const unknownElement = await post({
        resourceType: 'Patient',
        fooBar: true,
      });
      expect(unknownElement.status).toBe(400);

      const missingStatus = await post({ resourceType: 'Observation', code: { text: 'x' } }, 'Observation');
      expect(missingStatus.status).toBe(400);

      const badUpdate = await post({ resourceType: 'Patient', id: 'v1', birthDate: '1-2-3' }, 'Patient/v1', 'PUT');
      expect(badUpdate.status).toBe(400);

      const good = await post({
        resourceType: 'Patient',
        birthDate: '1990-01-01',
      });
      expect(good.status).toBe(201);

      const runId = randomUUID();
      const invalidSecond: Transaction = {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          {
            resource: {
              resourceType: 'Patient',
              identifier: [{ system: 'urn:test-run', value: runId }],
            },
            request: { method: 'POST', url: 'Patient' },
          },
          {
            resource: { resourceType: 'Patient', birthDate: 'yesterday' },
            request: { method: 'POST', url: 'Patient' },
          },
        ],
      };
      await expect(sandbox.transaction(invalidSecond)).rejects.toMatchObject({
        outcome: { resourceType: 'OperationOutcome' },
      });
      const search = await fetch(`${sandbox.baseUrl}/Patient?identifier=urn:test-run|${runId}`);
      expect(((await search.json()) as Bundle).total).toBe(0);
    } finally {
      await sandbox.close();
    }
  });

  it('serves several sandboxes in one process, each with its own data', async () => {
    const [a, b] = await Promise.all([startFhirSandbox(), startFhirSandbox({ basePath: 'r4/' })]);
    try {
      expect(b.baseUrl).toMatch(/\/r4$/);
      const created = await fetch(`${a.baseUrl}/Patient/only-in-a`, {
        method: 'PUT',
        body: JSON.stringify({ resourceType: 'Patient', id: 'only-in-a' }),
      });
      expect(created.status).toBe(201);
      expect((await fetch(`${b.baseUrl}/Patient/only-in-a`)).status).toBe(404);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('close() stops listening, closes keep-alive sockets and is safe to call twice', async () => {
    const sandbox = await startFhirSandbox();
    const client = new Client({ baseUrl: sandbox.baseUrl });
    await client.capabilityStatement();
    await sandbox.close();
    await expect(sandbox.close()).resolves.toBeUndefined();
    await expect(fetch(`${sandbox.baseUrl}/metadata`)).rejects.toThrow();
  });

  it('close() does not wait for a client stuck mid-request', async () => {
    const sandbox = await startFhirSandbox();
    const { port } = new URL(sandbox.baseUrl);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.on('error', () => undefined);
    // Headers promise a body that never comes: the server keeps the request open.
    socket.write('POST /fhir/Patient HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{');
    await new Promise((resolve) => setImmediate(resolve));
    await sandbox.close();
    await closed;
  });

  it('rejects when the port is taken', async () => {
    const first = await startFhirSandbox();
    try {
      const port = Number(new URL(first.baseUrl).port);
      await expect(startFhirSandbox({ port })).rejects.toMatchObject({
        code: 'EADDRINUSE',
      });
    } finally {
      await first.close();
    }
  });
});
