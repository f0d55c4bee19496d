import request from 'supertest';
import type { Response } from 'supertest';
import type { Bundle } from 'fhir/r4';
import type { CdsResponse, CdsService, CdsServiceDefinition, ResolvedHookRequest } from '@pcb-cds/cds-hooks-model';
import type { CdsHooksTestApp, StubFhirRequest, StubFhirServer } from '../testing';
import { assertCdsHooksInvariants, createCdsHooksTestApp, readSpecJson, StubFhirServer as Stub, unreachableFhirBaseUrl } from '../testing';
import { PREFETCH_WARNINGS_EXTENSION } from './prefetch-warnings.extension';

const TOKEN = 'fhir-token-int-7d2f1c9e';
const CLIENT_JWT = 'eyJhbGciOiJFUzM4NCJ9.client-jwt-secret.sig';
const PATIENT_ID = '1288992';
const patient = { resourceType: 'Patient', id: PATIENT_ID, gender: 'female' };
const conditions = { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: { resourceType: 'Condition', id: 'c1' } }] };

/** The fake guideline: records what it received and echoes it (minus the token) into a card. */
class EchoService implements CdsService {
  readonly received: ResolvedHookRequest[] = [];
  constructor(readonly definition: CdsServiceDefinition) {}

  async handle(request: ResolvedHookRequest): Promise<CdsResponse> {
    this.received.push(request);
    const visible = { ...request, fhirAuthorization: undefined };
    return {
      cards: [
        {
          summary: `echo ${this.definition.id}`,
          indicator: 'info',
          source: { label: 'Echo' },
          detail: `\`\`\`json\n${JSON.stringify(visible)}\n\`\`\``,
        },
      ],
    };
  }
}

const echo = new EchoService({
  id: 'echo-service',
  hook: 'patient-view',
  title: 'Echo',
  description: 'Echoes what it received into a card',
  prefetch: { patient: 'Patient/{{context.patientId}}', conditions: 'Condition?patient={{context.patientId}}' },
});

/** Same keys as the AHRQ CQL Services test vectors, so those vectors are usable verbatim. */
const ahrq = new EchoService({
  id: 'ahrq-shaped',
  hook: 'patient-view',
  description: 'Prefetch keys of the AHRQ vectors',
  prefetch: {
    Patient: 'Patient/{{context.patientId}}',
    Condition: 'Condition?patient={{context.patientId}}',
    Observation: 'Observation?patient={{context.patientId}}',
  },
});

const messy: CdsService = {
  definition: { id: 'messy-service', hook: 'patient-view', description: 'Answers with a sloppy response' },
  handle: async () =>
    ({
      cards: [
        { summary: 'info card', indicator: 'info', source: { label: 'Messy', url: null }, detail: '', links: [] },
        {
          summary: 'x'.repeat(200),
          indicator: 'critical',
          source: { label: 'Messy' },
          suggestions: [
            { label: 'do', actions: [{ type: 'create', description: 'create it', resource: { resourceType: 'ServiceRequest' } }] },
          ],
        },
        { summary: 'warning card', indicator: 'warning', source: { label: 'Messy' }, overrideReasons: null },
      ],
      systemActions: [],
    }) as unknown as CdsResponse,
};

const throwing: CdsService = {
  definition: { id: 'throwing-service', hook: 'patient-view', description: 'Fails unexpectedly' },
  handle: async (req) => {
    if (req.fhirAuthorization !== undefined) {
      throw new Error('the service must never see fhirAuthorization');
    }
    // A careless service quoting a secret it got hold of: the filter must still keep it out of the logs.
    throw new Error(`boom with ${TOKEN}`);
  },
};

function hookRequest(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    hook: 'patient-view',
    hookInstance: 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea',
    fhirServer: stub.baseUrl,
    fhirAuthorization: {
      access_token: TOKEN,
      token_type: 'Bearer',
      expires_in: 300,
      scope: 'user/Patient.read user/Condition.read',
      subject: 'cds-service',
    },
    context: { userId: 'Practitioner/example', patientId: PATIENT_ID },
    ...extra,
  };
}

function fhirAnswer(req: StubFhirRequest): { status: number; body: unknown } {
  if (req.path === `Patient/${PATIENT_ID}`) {
    return { status: 200, body: patient };
  }
  if (req.path.startsWith('Condition?') || req.path.startsWith('Observation?')) {
    return { status: 200, body: conditions };
  }
  return { status: 404, body: { resourceType: 'OperationOutcome', issue: [] } };
}

let stub: StubFhirServer;
let testApp: CdsHooksTestApp;
/** Every response body, to check at the end that none carries the token. */
const bodies: string[] = [];

async function post(path: string, body: unknown, contentType = 'application/json'): Promise<Response> {
  const res = await request(testApp.server)
    .post(path)
    .set('Content-Type', contentType)
    .set('Authorization', `Bearer ${CLIENT_JWT}`)
    .send(typeof body === 'string' ? body : JSON.stringify(body));
  bodies.push(res.text);
  return res;
}

function expectOutcome(res: Response, status: number): { code: string; text: string; expression?: string[] } {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.body.resourceType).toBe('OperationOutcome');
  expect(res.text).not.toMatch(/\bat .+\.(ts|js):\d+/); // no stack trace
  const issue = res.body.issue[0];
  return { code: issue.code, text: issue.details.text, expression: issue.expression };
}

async function eventually(condition: () => boolean): Promise<void> {
  while (!condition()) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeAll(async () => {
  stub = await Stub.start();
  testApp = await createCdsHooksTestApp({ services: [echo, ahrq, messy, throwing], prefetchTimeoutMs: 1500 });
});

afterAll(async () => {
  await testApp?.close();
  await stub?.close();
});

beforeEach(() => {
  stub.reset();
  echo.received.length = 0;
  ahrq.received.length = 0;
});

describe('GET /cds-services (discovery)', () => {
  it('lists every registered service definition', async () => {
    const res = await request(testApp.server).get('/cds-services');
    bodies.push(res.text);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({ services: [echo.definition, ahrq.definition, messy.definition, throwing.definition] });
    assertCdsHooksInvariants('discovery', res.body);
  });
});

describe('POST /cds-services/{id}: prefetch', () => {
  it('with every key prefetched, calls the service and never the FHIR server', async () => {
    const res = await post('/cds-services/echo-service', hookRequest({ prefetch: { patient, conditions } }));
    expect(res.status).toBe(200);
    expect(stub.requests).toHaveLength(0);
    expect(echo.received[0].prefetch).toEqual({ patient, conditions });
    expect(res.body.cards).toHaveLength(1);
    expect(res.body.cards[0].uuid).toEqual(expect.any(String));
    expect(res.body.cards[0].detail).toContain(`"patientId":"${PATIENT_ID}"`);
    assertCdsHooksInvariants('response', res.body);
  });

  it('keeps null keys null and never fetches them (AHRQ null_prefetch_values vector)', async () => {
    const vector = readSpecJson<Record<string, unknown>>(
      'cds-hooks-spec/test-vectors/ahrq-cql-services/fixtures__hooks-patients__R4__null_prefetch_values_invocation.json',
    );
    const res = await post('/cds-services/ahrq-shaped', { ...vector, fhirServer: stub.baseUrl });
    expect(res.status).toBe(200);
    expect(stub.requests).toHaveLength(0);
    expect(ahrq.received[0].prefetch).toEqual({
      Patient: expect.objectContaining({ resourceType: 'Patient' }),
      Condition: null,
      Observation: null,
    });
  });

  it('fetches missing keys from fhirServer with the bearer token, in parallel', async () => {
    // The stub answers only once BOTH requests are in: sequential fetching would hit the deadline (412).
    const waiting: Array<() => void> = [];
    stub.handler = (req) =>
      new Promise((resolve) => {
        waiting.push(() => resolve(fhirAnswer(req)));
        if (waiting.length === 2) {
          waiting.forEach((release) => release());
        }
      });
    const res = await post('/cds-services/echo-service', hookRequest());
    expect(res.status).toBe(200);
    expect(stub.requests.map((r) => r.path).sort()).toEqual([`Condition?patient=${PATIENT_ID}`, `Patient/${PATIENT_ID}`]);
    expect(stub.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
    expect(stub.requests.every((r) => r.headers.accept === 'application/fhir+json')).toBe(true);
    expect(echo.received[0].prefetch).toEqual({ patient, conditions });
  });

  it('fetches only the missing key of the AHRQ missing_prefetch_keys vector when fhirServer answers', async () => {
    stub.handler = fhirAnswer;
    const vector = readSpecJson<Record<string, unknown>>(
      'cds-hooks-spec/test-vectors/ahrq-cql-services/fixtures__hooks-patients__R4__missing_prefetch_keys_invocation.json',
    );
    const res = await post('/cds-services/ahrq-shaped', { ...vector, fhirServer: stub.baseUrl });
    expect(res.status).toBe(200);
    expect(stub.requests.map((r) => [r.path, r.headers.authorization])).toEqual([
      [`Condition?patient=${PATIENT_ID}`, 'Bearer some-opaque-fhir-access-token'],
    ]);
    expect(ahrq.received[0].prefetch['Condition']).toEqual(conditions);
  });

  it('answers a read 404 as null (no data)', async () => {
    const res = await post('/cds-services/echo-service', hookRequest({ prefetch: { conditions }, context: { patientId: 'gone' } }));
    expect(res.status).toBe(200);
    expect(echo.received[0].prefetch).toEqual({ patient: null, conditions });
  });

  it('412 when a key is missing and there is no fhirServer', async () => {
    const res = await post(
      '/cds-services/echo-service',
      hookRequest({ fhirServer: undefined, fhirAuthorization: undefined, prefetch: { patient } }),
    );
    const issue = expectOutcome(res, 412);
    expect(issue.text).toContain("'conditions'");
    expect(issue.text).toContain('no fhirServer');
    expect(echo.received).toHaveLength(0);
  });

  it('412 when fhirServer is unreachable (AHRQ missing_prefetch_keys vector, closed port)', async () => {
    const vector = readSpecJson<Record<string, unknown>>(
      'cds-hooks-spec/test-vectors/ahrq-cql-services/fixtures__hooks-patients__R4__missing_prefetch_keys_invocation.json',
    );
    const res = await post('/cds-services/ahrq-shaped', { ...vector, fhirServer: await unreachableFhirBaseUrl() });
    const issue = expectOutcome(res, 412);
    expect(issue.text).toContain("'Condition'");
    expect(issue.text).toContain('unreachable');
    expect(ahrq.received).toHaveLength(0);
  });

  it.each([
    [401, 'security'],
    [403, 'security'],
    [500, 'processing'],
    [503, 'processing'],
  ])('412 when fhirServer answers %i', async (status, code) => {
    stub.handler = () => ({ status, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'x' }] } });
    const issue = expectOutcome(await post('/cds-services/echo-service', hookRequest({ prefetch: { patient } })), 412);
    expect(issue.code).toBe(code);
    expect(issue.text).toContain("'conditions'");
    expect(issue.text).toContain(String(status));
  });

  it('412 when fhirServer answers something that is not FHIR JSON', async () => {
    stub.handler = () => ({ status: 200, body: '<html>Please log in</html>', contentType: 'text/html' });
    const issue = expectOutcome(await post('/cds-services/echo-service', hookRequest({ prefetch: { patient } })), 412);
    expect(issue.text).toContain('not FHIR');
  });

  it('412 when fhirServer answers an OperationOutcome instead of data', async () => {
    stub.handler = () => ({ status: 200, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'too-costly' }] } });
    expectOutcome(await post('/cds-services/echo-service', hookRequest({ prefetch: { patient } })), 412);
  });

  it('412 at the deadline when fhirServer is too slow, and the pending fetch is aborted', async () => {
    stub.handler = () => new Promise(() => undefined); // never answers
    const issue = expectOutcome(await post('/cds-services/echo-service', hookRequest({ prefetch: { conditions } })), 412);
    expect(issue.code).toBe('timeout');
    expect(issue.text).toContain("'patient'");
    await eventually(() => stub.requests.length === 1 && stub.requests[0].abandoned);
  });

  it('completes a paginated search result fetched from fhirServer', async () => {
    stub.handler = (req) => {
      const page = Number(new URL(req.path, 'http://x/').searchParams.get('_page') ?? '1');
      const next = page < 3 ? [{ relation: 'next', url: `${stub.baseUrl}/Condition?patient=${PATIENT_ID}&_page=${page + 1}` }] : [];
      return {
        status: 200,
        body: {
          resourceType: 'Bundle',
          type: 'searchset',
          total: 3,
          link: next,
          entry: [{ resource: { resourceType: 'Condition', id: `c${page}` } }],
        },
      };
    };
    const res = await post('/cds-services/echo-service', hookRequest({ prefetch: { patient } }));
    expect(res.status).toBe(200);
    const bundle = echo.received[0].prefetch['conditions'] as unknown as Bundle;
    expect(bundle.entry?.map((e) => e.resource?.id)).toEqual(['c1', 'c2', 'c3']);
    expect(stub.requests).toHaveLength(3);
  });

  it('completes a paginated prefetch Bundle sent by the client (3.0 ballot example shape)', async () => {
    const example = readSpecJson<{ prefetch: { orders: Bundle } }>(
      'cds-hooks-spec/spec-3.0.0-ballot-examples/request-order-sign-paginated-prefetch.json',
    );
    // The example's shape (entries, total, links) under the Condition template: a search's matches must be of the
    // type searched for, so its MedicationRequests are relabelled.
    const page1: Bundle = {
      ...example.prefetch.orders,
      entry: example.prefetch.orders.entry?.map((e) => ({ ...e, resource: { ...e.resource, resourceType: 'Condition' } as never })),
      link: [{ relation: 'next', url: `${stub.baseUrl}/Condition?patient=${PATIENT_ID}&_page=2` }],
    };
    stub.handler = () => ({
      status: 200,
      body: { resourceType: 'Bundle', type: 'searchset', total: 2, entry: [{ resource: { resourceType: 'Condition', id: 'rx-page-2' } }] },
    });
    const res = await post('/cds-services/echo-service', hookRequest({ prefetch: { patient, conditions: page1 } }));
    expect(res.status).toBe(200);
    expect(stub.requests.map((r) => r.path)).toEqual([`Condition?patient=${PATIENT_ID}&_page=2`]);
    const bundle = echo.received[0].prefetch['conditions'] as unknown as Bundle;
    expect(bundle.entry?.map((e) => e.resource?.id)).toEqual(['rx‑page‑1‑01', 'rx-page-2']);
  });

  it('412 for a paginated prefetch Bundle without fhirServer to complete it', async () => {
    const page1 = { ...conditions, total: 5, link: [{ relation: 'next', url: 'https://ehr.example.org/fhir/Condition?page=2' }] };
    const res = await post(
      '/cds-services/echo-service',
      hookRequest({ fhirServer: undefined, fhirAuthorization: undefined, prefetch: { patient, conditions: page1 } }),
    );
    expect(expectOutcome(res, 412).text).toContain("'conditions'");
  });

  it('an OperationOutcome sent as prefetch is null for the service, flagged to it and in the response extension, and not re-fetched', async () => {
    const outcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'timeout' }] };
    const res = await post('/cds-services/echo-service', hookRequest({ prefetch: { patient, conditions: outcome } }));
    expect(res.status).toBe(200);
    expect(stub.requests).toHaveLength(0);
    expect(echo.received[0].prefetch['conditions']).toBeNull();
    expect(echo.received[0].unavailablePrefetchKeys).toEqual(['conditions']);
    expect(res.body.extension[PREFETCH_WARNINGS_EXTENSION]).toEqual([{ key: 'conditions', warning: expect.any(String) }]);
  });
});

describe('POST /cds-services/{id}: request handling', () => {
  it('passes unknown fields and extension through untouched', async () => {
    const extension = { 'com.example.timestamp': '2017-11-27T22:13:25Z', 'com.example.nested': { a: [1, 2] } };
    await post('/cds-services/echo-service', hookRequest({ prefetch: { patient, conditions }, extension, futureField: { x: 1 } }));
    expect(echo.received[0].extension).toEqual(extension);
    expect(echo.received[0]['futureField']).toEqual({ x: 1 });
    expect(echo.received[0].context).toEqual({ userId: 'Practitioner/example', patientId: PATIENT_ID });
  });

  it('normalises the service response (uuids, no empties, truncation, order, selectionBehavior) and logs the repair', async () => {
    const res = await post('/cds-services/messy-service', hookRequest());
    expect(res.status).toBe(200);
    expect(res.body.cards.map((c: { indicator: string }) => c.indicator)).toEqual(['critical', 'warning', 'info']);
    expect(res.body.cards[0].summary).toHaveLength(139);
    expect(res.body.cards[0].selectionBehavior).toBe('at-most-one');
    expect(res.body.cards[0].suggestions[0].uuid).toEqual(expect.any(String));
    expect(res.body.cards[2]).toEqual({ uuid: expect.any(String), summary: 'info card', indicator: 'info', source: { label: 'Messy' } });
    expect(res.body).not.toHaveProperty('systemActions');
    expect(res.text).not.toContain('null');
    assertCdsHooksInvariants('response', res.body);
    expect(testApp.logger.lines.some((l) => l.level === 'warn' && l.text.includes('truncated'))).toBe(true);
  });

  it.each([
    ['malformed JSON', '{"hook": "patient-view", ', 'body'],
    ['a JSON array', '[]', 'body'],
    ['no hook', () => ({ ...hookRequest(), hook: undefined }), 'hook'],
    ['no hookInstance', () => ({ ...hookRequest(), hookInstance: undefined }), 'hookInstance'],
    ['no context', () => ({ ...hookRequest(), context: undefined }), 'context'],
    ['no context.patientId', () => ({ ...hookRequest(), context: { userId: 'Practitioner/example' } }), 'context.patientId'],
    ['fhirAuthorization without fhirServer', () => ({ ...hookRequest(), fhirServer: undefined }), 'fhirServer'],
    ['a relative fhirServer', () => ({ ...hookRequest(), fhirServer: 'fhir' }), 'fhirServer'],
    ['a non-string access_token', () => ({ ...hookRequest(), fhirAuthorization: { access_token: 1 } }), 'fhirAuthorization.access_token'],
    ['the wrong hook', () => ({ ...hookRequest(), hook: 'order-sign' }), 'hook'],
  ] as Array<[string, string | (() => unknown), string]>)('400 OperationOutcome for %s', async (_name, body, field) => {
    const issue = expectOutcome(await post('/cds-services/echo-service', typeof body === 'function' ? body() : body), 400);
    if (field !== 'body') {
      expect(issue.expression).toEqual([field]);
    }
    expect(echo.received).toHaveLength(0);
    expect(stub.requests).toHaveLength(0);
  });

  it('400 for malformed JSON does not quote the body', async () => {
    const res = await post('/cds-services/echo-service', `{"fhirAuthorization": {"access_token": "${TOKEN}"}, oops}`);
    expect(expectOutcome(res, 400).text).toBe('The request body is not valid JSON');
    expect(res.text).not.toContain(TOKEN);
  });

  it('404 OperationOutcome for an unknown service', async () => {
    expect(expectOutcome(await post('/cds-services/no-such-service', hookRequest()), 404).code).toBe('not-found');
  });

  it('404 OperationOutcome for an unknown route', async () => {
    const res = await request(testApp.server).get('/nowhere');
    expectOutcome(res, 404);
  });

  it('500 OperationOutcome with a generic message when the service fails, logged without the token', async () => {
    const res = await post('/cds-services/throwing-service', hookRequest());
    const issue = expectOutcome(res, 500);
    expect(issue.text).toBe('Internal server error');
    expect(res.text).not.toContain('boom');
    const logged = testApp.logger.lines
      .filter((l) => l.level === 'error')
      .map((l) => l.text)
      .join('\n');
    expect(logged).toContain('boom with [redacted]');
  });
});

describe('HTTP plumbing', () => {
  it('accepts application/fhir+json', async () => {
    const res = await post(
      '/cds-services/echo-service',
      hookRequest({ prefetch: { patient, conditions } }),
      'application/fhir+json; charset=utf-8',
    );
    expect(res.status).toBe(200);
  });

  it('415 OperationOutcome for another content type', async () => {
    const issue = expectOutcome(await post('/cds-services/echo-service', JSON.stringify(hookRequest()), 'text/plain'), 415);
    expect(issue.code).toBe('not-supported');
    expect(echo.received).toHaveLength(0);
  });

  it('accepts a 4 MB request', async () => {
    const res = await post(
      '/cds-services/echo-service',
      hookRequest({ prefetch: { patient, conditions }, extension: { 'org.example.padding': 'x'.repeat(4 * 1024 * 1024) } }),
    );
    expect(res.status).toBe(200);
  });

  it('413 OperationOutcome for a 6 MB request', async () => {
    const res = await post(
      '/cds-services/echo-service',
      hookRequest({ extension: { 'org.example.padding': 'x'.repeat(6 * 1024 * 1024) } }),
    );
    expectOutcome(res, 413);
    expect(echo.received).toHaveLength(0);
  });

  it('answers a CORS preflight for a POST with Authorization from any origin', async () => {
    const res = await request(testApp.server)
      .options('/cds-services/echo-service')
      .set('Origin', 'https://sandbox.cds-hooks.org')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    expect(res.headers['access-control-allow-headers']?.toLowerCase()).toContain('authorization');
    expect(res.headers['access-control-allow-headers']?.toLowerCase()).toContain('content-type');
  });

  it('sends CORS headers on real answers, errors included', async () => {
    const ok = await request(testApp.server).get('/cds-services').set('Origin', 'https://sandbox.cds-hooks.org');
    expect(ok.headers['access-control-allow-origin']).toBe('*');
    const bad = await request(testApp.server)
      .post('/cds-services/echo-service')
      .set('Origin', 'https://x.example')
      .set('Content-Type', 'application/json')
      .send('{');
    expect(bad.status).toBe(400);
    expect(bad.headers['access-control-allow-origin']).toBe('*');
  });
});

describe('secrets', () => {
  // Runs last in this file: looks at everything the app said during the tests above.
  it('neither the FHIR access token nor the client JWT appears in any response or log line', () => {
    expect(bodies.length).toBeGreaterThan(20);
    expect(testApp.logger.lines.length).toBeGreaterThan(0);
    for (const secret of [TOKEN, CLIENT_JWT, 'some-opaque-fhir-access-token']) {
      expect(bodies.join('\n')).not.toContain(secret);
      expect(testApp.logger.text()).not.toContain(secret);
    }
  });
});
