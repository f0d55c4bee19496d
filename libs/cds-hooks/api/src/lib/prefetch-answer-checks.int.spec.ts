import request from 'supertest';
import type { Response } from 'supertest';
import type { CdsHooksTestApp, StubFhirReply } from '../testing';
import { createCdsHooksTestApp, RecordingCdsService, StubFhirServer } from '../testing';

// Over real HTTP on loopback: a FHIR server that answers the wrong resource, or too much, makes the hook answer
// 412 with an OperationOutcome naming the key and the query — never 200 with the data silently missing — and
// hook requests share keep-alive connections to it.

const TOKEN = 'checks-token-0c61f2';
const BOUND = 10_000;
const LIMITS = { maxResponseBytes: 64 * 1024, maxTotalBytes: 96 * 1024 };
const patient = { resourceType: 'Patient', id: 'p1' };
const searchset = { resourceType: 'Bundle', type: 'searchset', entry: [] };

const service = new RecordingCdsService();
let stub: StubFhirServer;
let testApp: CdsHooksTestApp;
const bodies: string[] = [];

async function post(prefetch: Record<string, unknown> = {}): Promise<Response> {
  const res = await request(testApp.server)
    .post('/cds-services/recording-service')
    .set('Content-Type', 'application/json')
    .send({
      hook: 'patient-view',
      hookInstance: 'answer-checks',
      fhirServer: stub.baseUrl,
      fhirAuthorization: { access_token: TOKEN, token_type: 'Bearer', expires_in: 300, scope: 'user/*.read', subject: 'cds' },
      context: { patientId: 'p1' },
      prefetch,
    });
  bodies.push(res.text);
  return res;
}

/** Answers the read of the patient and the conditions search as given. */
const answering =
  (answers: { patient?: unknown; conditions?: unknown }) =>
  (req: { path: string }): StubFhirReply => ({
    body: req.path.startsWith('Patient/') ? (answers.patient ?? patient) : (answers.conditions ?? searchset),
  });

beforeAll(async () => {
  stub = await StubFhirServer.start();
  testApp = await createCdsHooksTestApp({
    services: [service],
    prefetchTimeoutMs: 2000,
    hookDeadlineMs: 4000,
    fhirServerAllowlist: [stub.baseUrl],
    rateLimit: false,
    fhirResponseLimits: LIMITS,
  });
});

afterAll(async () => {
  await testApp?.close();
  await stub?.close();
});

beforeEach(() => {
  stub.reset();
  service.received.length = 0;
});

describe('a FHIR answer that is not what the query asked for → 412 naming key and query, the service not called', () => {
  it.each<[string, { patient?: unknown; conditions?: unknown }, string]>([
    [
      'the conditions search answered with a Patient',
      { conditions: patient },
      "'conditions' could not be obtained from the FHIR server: its answer to the search for Condition is a Patient, not a searchset Bundle",
    ],
    [
      'the conditions search answered with a Bundle of type collection',
      { conditions: { ...searchset, type: 'collection' } },
      'is a Bundle of type collection, not a searchset Bundle',
    ],
    [
      'the conditions search answered 200 with an OperationOutcome',
      { conditions: { resourceType: 'OperationOutcome', issue: [] } },
      'is an OperationOutcome, not a searchset Bundle',
    ],
    [
      'the conditions search answered with entries that are not resources',
      { conditions: { ...searchset, entry: [{ resource: 'Condition/1' }] } },
      'is a searchset Bundle whose entries are not all resources',
    ],
    [
      'the patient read answered with a Bundle',
      { patient: searchset },
      "'patient' could not be obtained from the FHIR server: its answer to the read of Patient is a Bundle of type searchset, not a Patient",
    ],
    [
      'the patient read answered with another patient',
      { patient: { resourceType: 'Patient', id: 'p2' } },
      'is a Patient with another id, not a Patient with the id asked for',
    ],
  ])(
    '%s',
    async (_name, answers, text) => {
      stub.handler = answering(answers);
      const res = await post();
      expect(res.status).toBe(412);
      expect(res.body.resourceType).toBe('OperationOutcome');
      expect(res.body.issue[0].details.text).toContain(text);
      expect(service.received).toHaveLength(0);
    },
    BOUND,
  );

  it('non-JSON with status 200 → 412 naming the query', async () => {
    stub.handler = (req) =>
      req.path.startsWith('Patient/') ? { body: patient } : { body: '<html>login</html>', contentType: 'text/html' };
    const res = await post();
    expect(res.status).toBe(412);
    expect(res.body.issue[0].details.text).toMatch(
      /'conditions' could not be obtained from the FHIR server \(search for Condition\): its answer is not FHIR JSON/,
    );
  });
});

describe('a prefetch value sent by the client that does not answer its query → 412, nothing fetched', () => {
  it.each<[string, Record<string, unknown>, string]>([
    [
      'a Patient for the conditions search',
      { patient, conditions: patient },
      "Prefetch key 'conditions' sent in the request is a Patient, not a searchset Bundle (the answer to the search for Condition of the template)",
    ],
    [
      'a collection Bundle for the conditions search',
      { patient, conditions: { ...searchset, type: 'collection' } },
      'is a Bundle of type collection, not a searchset Bundle',
    ],
    [
      'a Bundle for the patient read',
      { patient: searchset, conditions: searchset },
      "Prefetch key 'patient' sent in the request is a Bundle of type searchset, not a Patient",
    ],
  ])('%s', async (_name, prefetch, text) => {
    const res = await post(prefetch);
    expect(res.status).toBe(412);
    expect(res.body.issue[0].code).toBe('invalid');
    expect(res.body.issue[0].details.text).toContain(text);
    expect(stub.requests).toHaveLength(0);
    expect(service.received).toHaveLength(0);
  });
});

describe('byte limits → 412 too-costly', () => {
  it(
    'one answer over maxResponseBytes',
    async () => {
      stub.handler = answering({
        conditions: { ...searchset, entry: [{ resource: { resourceType: 'Condition', id: 'x'.repeat(LIMITS.maxResponseBytes) } }] },
      });
      const res = await post();
      expect(res.status).toBe(412);
      expect(res.body.issue[0].code).toBe('too-costly');
      expect(res.body.issue[0].details.text).toContain(
        `its answer to the search for Condition passed the limit of ${LIMITS.maxResponseBytes} bytes for one FHIR response`,
      );
    },
    BOUND,
  );

  it(
    'answers each under the limit, together over the hook request total',
    async () => {
      const big = (id: string): unknown => ({ resourceType: 'Patient', id, text: { status: 'generated', div: 'x'.repeat(50 * 1024) } });
      stub.handler = (req) => ({
        body: req.path.startsWith('Patient/')
          ? big('p1')
          : { ...searchset, entry: [{ resource: { ...(big('c1') as object), resourceType: 'Condition' } }] },
      });
      const res = await post();
      expect(res.status).toBe(412);
      expect(res.body.issue[0].details.text).toContain('bytes for all FHIR answers of one hook request');
    },
    BOUND,
  );

  it('the next hook request has its own total', async () => {
    stub.handler = answering({});
    expect((await post()).status).toBe(200);
  });
});

describe('connections to the FHIR server', () => {
  it('two hook requests reuse one keep-alive connection', async () => {
    stub.handler = answering({});
    const before = stub.connections;
    // Prefetched patient: one fetch per hook request, so one connection suffices for both.
    expect((await post({ patient })).status).toBe(200);
    expect((await post({ patient })).status).toBe(200);
    expect(stub.requests).toHaveLength(2);
    expect(stub.connections - before).toBeLessThanOrEqual(1);
  });
});

describe('secrets', () => {
  it('no answer of this file carries the token or the FHIR URL', () => {
    expect(bodies.length).toBeGreaterThan(8);
    expect(bodies.join('\n')).not.toContain(TOKEN);
    expect(bodies.join('\n')).not.toContain(stub.baseUrl);
    expect(testApp.logger.text()).not.toContain(TOKEN);
  });
});

describe('shutdown', () => {
  it('closing the app closes its connections to the FHIR server', async () => {
    stub.handler = answering({});
    expect((await post({ patient })).status).toBe(200);
    expect(await stub.openConnections()).toBeGreaterThan(0);
    await testApp.close();
    // The client closes its side; the server notices within a few event-loop turns (bounded loop, no timing assert).
    for (let turn = 0; turn < 100 && (await stub.openConnections()) > 0; turn++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await stub.openConnections()).toBe(0);
  });
});
