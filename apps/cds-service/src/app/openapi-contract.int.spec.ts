import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle, ServiceRequest } from 'fhir/r4';
import { readSpecJson, StubFhirServer } from '@pcb-cds/cds-hooks-api/testing';
import { TestCdsClient } from '@pcb-cds/cds-hooks-auth/testing';
import { DurableCardLedger, SqliteFeedbackRepository } from '@pcb-cds/cds-hooks-feedback-store';
import type { CdsResponse, HookContext } from '@pcb-cds/cds-hooks-model';
import { PatientBundleBuilder } from '@pcb-cds/postcoital-bleeding-demo-patients';
import { PCB_ORDER_SELECT_SERVICE_ID, PCB_ORDER_SIGN_SERVICE_ID, PCB_SERVICE_ID } from '@pcb-cds/postcoital-bleeding-service';
import { loadConfig } from './app-config';
import type { ComposedApp } from './compose-app';
import { composeApp } from './compose-app';
import type { ObservedResponse } from './testing/openapi-contract';
import { OpenApiContract, validateOpenApiDocument } from './testing/openapi-contract';
import type { PcbTestStack } from './testing/pcb-test-stack';
import { startPcbTestStack } from './testing/pcb-test-stack';
import openApiDocument from '../openapi/openapi.json';

// The contract (apps/cds-service/src/openapi/openapi.json) against the product's real HTTP answers: every
// response below is checked against the operation, status, media type and schema the document gives it, and
// the run must have met every status the document promises (except those the product cannot be made to answer).

const TODAY = '2026-11-22';
const NOW = new Date(`${TODAY}T12:00:00Z`);
const PATIENT = 'contract-19y';
const PUBLIC_BASE_URL = 'https://cds.example.org';
/** Documented because a Nest guard answering false yields it, but no guard of the product answers false today. */
const NOT_REACHABLE_IN_THE_PRODUCT = new Set([403]);

const contract = new OpenApiContract();
const seen = new Set<string>();

async function call(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  init: { body?: string | object; headers?: Record<string, string> } = {},
): Promise<ObservedResponse> {
  const body = typeof init.body === 'object' ? JSON.stringify(init.body) : init.body;
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
    body,
  });
  const contentType = res.headers.get('content-type');
  const text = await res.text();
  const observed = {
    method,
    path,
    status: res.status,
    contentType,
    body: /json/.test(contentType ?? '') && text ? JSON.parse(text) : text,
  };
  expect(contract.problems(observed)).toEqual([]);
  seen.add(`${contract.documentedKey(observed)}`);
  return observed;
}

function draftOrderRequest(hook: 'order-select' | 'order-sign', fhirServer: string): Record<string, unknown> {
  const example = readSpecJson<{ context: HookContext }>(`cds-hooks-spec/hook-context-examples/${hook}--1-example-r4.json`).context;
  const pap: ServiceRequest = {
    resourceType: 'ServiceRequest',
    id: 'pap-1',
    status: 'draft',
    intent: 'order',
    code: { coding: [{ system: 'http://loinc.org', code: '47528-5' }], text: 'Pap smear' },
    subject: { reference: `Patient/${PATIENT}` },
  };
  const drafts = example.draftOrders as unknown as Bundle;
  return {
    hook,
    hookInstance: `contract-${hook}`,
    fhirServer,
    context: {
      ...example,
      patientId: PATIENT,
      draftOrders: { ...drafts, entry: [...(drafts.entry ?? []), { resource: pap }] },
      ...(hook === 'order-select' ? { selections: ['ServiceRequest/pap-1'] } : {}),
    },
  };
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document (@seriousme/openapi-schema-validator)', async () => {
    const { valid, report } = await validateOpenApiDocument();
    expect({ valid, report }).toEqual({ valid: true, report: expect.any(String) });
  });
});

describe('the product as the contract describes it (authentication off, as in the demo)', () => {
  let stack: PcbTestStack;
  let patientView: CdsResponse;

  beforeAll(async () => {
    const chart = PatientBundleBuilder.forPatient(PATIENT, NOW)
      .gender('female')
      .birthSex('F')
      .born({ yearsAgo: 19 })
      .pcbCondition({ weeksAgo: 1 })
      .build();
    stack = await startPcbTestStack({ today: TODAY, bundles: [chart] });
  }, 60_000);
  afterAll(() => stack?.close());

  it('serves the document itself at GET /openapi.json, without credentials', async () => {
    const { status, body } = await call(stack.serviceUrl, 'GET', '/openapi.json');
    expect(status).toBe(200);
    expect(body).toEqual(openApiDocument);
  });

  it('discovery lists the three services', async () => {
    const { status, body } = await call(stack.serviceUrl, 'GET', '/cds-services');
    expect(status).toBe(200);
    expect((body as { services: { id: string }[] }).services.map((s) => s.id)).toEqual([
      PCB_SERVICE_ID,
      PCB_ORDER_SELECT_SERVICE_ID,
      PCB_ORDER_SIGN_SERVICE_ID,
    ]);
  });

  it('patient-view answers cards with the org.pcb-cds.rules and org.pcb-cds.trace extensions', async () => {
    const { status, body } = await call(stack.serviceUrl, 'POST', `/cds-services/${PCB_SERVICE_ID}`, {
      body: {
        hook: 'patient-view',
        hookInstance: 'contract-pv',
        fhirServer: stack.fhirBaseUrl,
        context: { userId: 'Practitioner/example', patientId: PATIENT },
      },
    });
    expect(status).toBe(200);
    patientView = body as CdsResponse;
    expect(patientView.cards.length).toBeGreaterThan(0);
    expect(patientView.cards.every((c) => c.extension?.['org.pcb-cds.rules'] && c.extension?.['org.pcb-cds.trace'])).toBe(true);
  });

  it.each([
    ['order-select', PCB_ORDER_SELECT_SERVICE_ID],
    ['order-sign', PCB_ORDER_SIGN_SERVICE_ID],
  ] as const)('%s answers its cards', async (hook, id) => {
    const { status } = await call(stack.serviceUrl, 'POST', `/cds-services/${id}`, { body: draftOrderRequest(hook, stack.fhirBaseUrl) });
    expect(status).toBe(200);
  });

  it('feedback on a card answers an empty object', async () => {
    const card = patientView.cards[0];
    const { status, body } = await call(stack.serviceUrl, 'POST', `/cds-services/${PCB_SERVICE_ID}/feedback`, {
      body: {
        feedback: [
          { card: card.uuid, outcome: 'overridden', overrideReason: { userComment: 'contract test' }, outcomeTimestamp: NOW.toISOString() },
        ],
      },
    });
    expect({ status, body }).toEqual({ status: 200, body: {} });
  });

  it('the operational endpoints answer', async () => {
    expect((await call(stack.serviceUrl, 'GET', '/health')).status).toBe(200);
    expect((await call(stack.serviceUrl, 'GET', '/ready')).status).toBe(200);
    const metrics = await call(stack.serviceUrl, 'GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toMatch(/^# HELP /m);
  });

  it.each([
    ['malformed JSON', `/cds-services/${PCB_SERVICE_ID}`, '{"hook":', 400],
    [
      'a request without hookInstance',
      `/cds-services/${PCB_SERVICE_ID}`,
      { hook: 'patient-view', context: { userId: 'Practitioner/1', patientId: PATIENT } },
      400,
    ],
    [
      'feedback without outcome',
      `/cds-services/${PCB_SERVICE_ID}/feedback`,
      { feedback: [{ card: 'x', outcomeTimestamp: NOW.toISOString() }] },
      400,
    ],
    ['an unknown service', '/cds-services/no-such-service', { hook: 'patient-view', hookInstance: 'x', context: { patientId: 'p' } }, 404],
    ['feedback to an unknown service', '/cds-services/no-such-service/feedback', { feedback: [] }, 404],
    [
      'no prefetch and no fhirServer',
      `/cds-services/${PCB_SERVICE_ID}`,
      { hook: 'patient-view', hookInstance: 'contract-412', context: { userId: 'Practitioner/1', patientId: PATIENT } },
      412,
    ],
    ['a body over the 5 MB limit', `/cds-services/${PCB_SERVICE_ID}`, JSON.stringify({ pad: 'x'.repeat(6 * 1024 * 1024) }), 413],
  ])('%s: the documented OperationOutcome', async (_name, path, body, expected) => {
    const { status, body: outcome } = await call(stack.serviceUrl, 'POST', path, { body });
    expect(status).toBe(expected);
    expect((outcome as { resourceType: string }).resourceType).toBe('OperationOutcome');
  });

  it('a body that is not JSON: 415', async () => {
    const { status } = await call(stack.serviceUrl, 'POST', `/cds-services/${PCB_SERVICE_ID}`, {
      body: 'hello',
      headers: { 'content-type': 'text/plain' },
    });
    expect(status).toBe(415);
  });
});

describe('the product as the contract describes it (authentication on, rate limit, slow FHIR server, failing readiness)', () => {
  const RATE_LIMIT = 4;
  let composed: ComposedApp;
  let baseUrl: string;
  let client: TestCdsClient;
  let hangingFhir: StubFhirServer;
  const auth = async (path: string): Promise<Record<string, string>> => ({
    authorization: await client.authorization(`${PUBLIC_BASE_URL}${path}`),
  });

  beforeAll(async () => {
    client = await TestCdsClient.create({ iss: 'https://ehr.example.org', alg: 'ES384' });
    hangingFhir = await StubFhirServer.start();
    hangingFhir.handler = () => new Promise(() => undefined);
    // A feedback store that is down: its readiness check fails.
    const store = new SqliteFeedbackRepository({ path: join(mkdtempSync(join(tmpdir(), 'contract-')), 'feedback.sqlite') });
    await store.init();
    await store.close();
    const config = loadConfig({
      HOST: '127.0.0.1',
      PORT: '0',
      FHIR_BASE_URL: hangingFhir.baseUrl,
      PUBLIC_BASE_URL,
      PREFETCH_TIMEOUT_MS: '300',
      RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
      PCB_EVALUATION_DATE: TODAY,
      SHUTDOWN_DRAIN_MS: '0',
    });
    composed = await composeApp(config, {
      logger: false,
      auth: { mode: 'on', trustedClients: { clients: [client.trustedClient()] }, publicBaseUrl: PUBLIC_BASE_URL },
      feedback: { repository: store, ledger: new DurableCardLedger(store, { patientHashSalt: 'contract-test-salt-0123456789' }) },
    });
    await composed.app.listen(config.port, config.host);
    baseUrl = `http://127.0.0.1:${(composed.app.getHttpServer().address() as { port: number }).port}`;
  }, 60_000);
  afterAll(async () => {
    await composed?.close();
    await hangingFhir?.close();
  });

  it('no client JWT: 401 on discovery, services and feedback; the document stays public', async () => {
    expect((await call(baseUrl, 'GET', '/cds-services')).status).toBe(401);
    expect((await call(baseUrl, 'POST', `/cds-services/${PCB_SERVICE_ID}`, { body: {} })).status).toBe(401);
    expect((await call(baseUrl, 'POST', `/cds-services/${PCB_SERVICE_ID}/feedback`, { body: {} })).status).toBe(401);
    expect((await call(baseUrl, 'GET', '/openapi.json')).status).toBe(200);
  });

  it('a failing readiness check: /ready 503 naming it', async () => {
    const { status, body } = await call(baseUrl, 'GET', '/ready');
    expect({ status, body }).toEqual({
      status: 503,
      body: { status: 'unavailable', checks: [{ name: 'feedback-store', status: 'failed' }] },
    });
  });

  it('a FHIR server that never answers: 412 at the prefetch deadline, then 429 past the rate limit', async () => {
    const path = `/cds-services/${PCB_SERVICE_ID}`;
    const hook = {
      hook: 'patient-view',
      hookInstance: 'contract-412',
      fhirServer: hangingFhir.baseUrl,
      context: { userId: 'Practitioner/1', patientId: PATIENT },
    };
    expect((await call(baseUrl, 'POST', path, { body: hook, headers: await auth(path) })).status).toBe(412);
    const statuses: number[] = [];
    for (let i = 0; i < RATE_LIMIT + 1; i++) {
      statuses.push((await call(baseUrl, 'GET', '/cds-services', { headers: await auth('/cds-services') })).status);
    }
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('coverage of the contract', () => {
  it('every documented status was met by a real response (403 aside), and every operation answered 200', () => {
    const documented = contract.documentedResponses();
    const statuses = new Set(documented.map((key) => Number(key.split(' ')[2])));
    const metStatuses = new Set([...seen].map((key) => Number(key.split(' ')[2])));
    expect([...statuses].filter((s) => !metStatuses.has(s) && !NOT_REACHABLE_IN_THE_PRODUCT.has(s))).toEqual([]);
    const operations = new Set(documented.map((key) => key.split(' ').slice(0, 2).join(' ')));
    const generic = 'POST /cds-services/{id}'; // its 200s are the three concrete service paths'
    expect([...operations].filter((op) => op !== generic && !seen.has(`${op} 200`))).toEqual([]);
  });
});
