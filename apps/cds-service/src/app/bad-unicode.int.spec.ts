import { PatientBundleBuilder } from '@pcb-cds/postcoital-bleeding-demo-patients';
import { PCB_ORDER_SELECT_SERVICE_ID, PCB_ORDER_SIGN_SERVICE_ID, PCB_SERVICE_ID } from '@pcb-cds/postcoital-bleeding-service';
import type { PcbTestStack } from './testing/pcb-test-stack';
import { startPcbTestStack } from './testing/pcb-test-stack';

// A lone surrogate in context.patientId cannot go into a FHIR query (URIError) and must not become a 500. Text that
// is not Unicode, and ids that are not FHIR ids, are the client's error: 400 with an OperationOutcome naming the
// field, for every hook of the product, before any FHIR server is asked.

const TODAY = '2026-11-22';
const NOW = new Date(`${TODAY}T12:00:00Z`);
const PATIENT = 'uni-1';
const HOOKS = [
  ['patient-view', PCB_SERVICE_ID],
  ['order-select', PCB_ORDER_SELECT_SERVICE_ID],
  ['order-sign', PCB_ORDER_SIGN_SERVICE_ID],
] as const;

let stack: PcbTestStack;

beforeAll(async () => {
  stack = await startPcbTestStack({
    today: TODAY,
    bundles: [
      PatientBundleBuilder.forPatient(PATIENT, NOW)
        .gender('female')
        .birthSex('F')
        .born({ yearsAgo: 30 })
        .pcbCondition({ weeksAgo: 1 })
        .build(),
    ],
  });
}, 60_000);
afterAll(() => stack?.close());

function request(hook: string, context: Record<string, unknown> = {}, hookInstance = `uni-${hook}`): Record<string, unknown> {
  const draftOrders = {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      {
        resource: {
          resourceType: 'ServiceRequest',
          id: 'draft-1',
          status: 'draft',
          intent: 'order',
          subject: { reference: `Patient/${PATIENT}` },
        },
      },
    ],
  };
  return {
    hook,
    hookInstance,
    fhirServer: stack.fhirBaseUrl,
    context: {
      userId: 'Practitioner/example',
      patientId: PATIENT,
      ...(hook === 'patient-view' ? {} : { draftOrders }),
      ...(hook === 'order-select' ? { selections: ['ServiceRequest/draft-1'] } : {}),
      ...context,
    },
  };
}

async function post(
  serviceId: string,
  body: string | Buffer,
): Promise<{ status: number; outcome: { resourceType?: string; issue?: Array<{ expression?: string[] }> } }> {
  const res = await fetch(`${stack.serviceUrl}/cds-services/${serviceId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return { status: res.status, outcome: (await res.json()) as never };
}

describe.each(HOOKS)('%s', (hook, serviceId) => {
  it('serves the well-formed request (the baseline of the rows below)', async () => {
    expect((await post(serviceId, JSON.stringify(request(hook)))).status).toBe(200);
  });

  it.each([
    ['a lone surrogate in context.patientId', () => request(hook, { patientId: '\udfff' }), 'context.patientId'],
    ['a lone surrogate in hookInstance', () => request(hook, {}, 'h-\ud800'), 'hookInstance'],
    ['a patientId that is not a FHIR id', () => request(hook, { patientId: `${PATIENT}/../x` }), 'context.patientId'],
    [
      'a lone surrogate in a draft order id',
      () =>
        request(hook, {
          draftOrders: { resourceType: 'Bundle', entry: [{ resource: { resourceType: 'ServiceRequest', id: 'd\udfff' } }] },
        }),
      'context.draftOrders.entry[0].resource.id',
    ],
    // Security probe: PostgreSQL refuses U+0000 in text, so a hookInstance with it, if accepted, would make every later
    // card ledger write wait behind a write retried forever.
    ['U+0000 in hookInstance', () => request(hook, {}, 'h-\u0000'), 'hookInstance'],
  ])('400 with an OperationOutcome for %s', async (_name, body, field) => {
    const { status, outcome } = await post(serviceId, JSON.stringify(body()));
    expect(status).toBe(400);
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue?.[0].expression).toEqual([field]);
  });

  it('400 for a body that is not valid UTF-8', async () => {
    const text = JSON.stringify(request(hook));
    const at = text.indexOf(PATIENT);
    const body = Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from([0xed, 0xbf, 0xbf]), Buffer.from(text.slice(at))]);
    const { status, outcome } = await post(serviceId, body);
    expect(status).toBe(400);
    expect(outcome.resourceType).toBe('OperationOutcome');
  });
});

describe('feedback', () => {
  // Security probe: PostgreSQL cannot store U+0000 in feedback text; answered 503 ("retry"), an EHR would retry an
  // entry that can never be stored.
  const entry = (overrides: Record<string, unknown>): Record<string, unknown> => ({
    card: 'c0ffee00-0000-4000-8000-000000000001',
    outcome: 'overridden',
    overrideReason: {
      reason: { system: 'http://pcb-cds.org/fhir/CodeSystem/override-reasons', code: 'done-elsewhere' },
      userComment: 'seen',
    },
    outcomeTimestamp: `${TODAY}T10:00:00Z`,
    ...overrides,
  });
  it.each([
    [
      'U+0000 in userComment',
      entry({
        overrideReason: {
          reason: { system: 'http://pcb-cds.org/fhir/CodeSystem/override-reasons', code: 'done-elsewhere' },
          userComment: 'a\u0000b',
        },
      }),
      'feedback[0].overrideReason.userComment',
    ],
    [
      'U+0000 in an accepted suggestion id',
      entry({ outcome: 'accepted', overrideReason: undefined, acceptedSuggestions: [{ id: '\u0000' }] }),
      'feedback[0].acceptedSuggestions[0].id',
    ],
    ['a lone surrogate in the card id', entry({ card: 'c\udfff' }), 'feedback[0].card'],
  ])('400 with an OperationOutcome for %s', async (_name, feedbackEntry, field) => {
    const res = await fetch(`${stack.serviceUrl}/cds-services/${PCB_SERVICE_ID}/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ feedback: [feedbackEntry] }),
    });
    const outcome = (await res.json()) as { resourceType?: string; issue?: Array<{ expression?: string[] }> };
    expect(res.status).toBe(400);
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue?.[0].expression).toEqual([field]);
  });
});
