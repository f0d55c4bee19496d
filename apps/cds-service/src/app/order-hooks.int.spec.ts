import type { Bundle, FhirResource, ServiceRequest } from 'fhir/r4';
import { assertCdsHooksInvariants, readSpecJson } from '@pcb-cds/cds-hooks-api/testing';
import type { Card, CdsResponse, DiscoveryResponse, HookContext } from '@pcb-cds/cds-hooks-model';
import { PatientBundleBuilder } from '@pcb-cds/postcoital-bleeding-demo-patients';
import { PCB_ORDER_SELECT_SERVICE_ID, PCB_ORDER_SIGN_SERVICE_ID, PCB_SERVICE_ID } from '@pcb-cds/postcoital-bleeding-service';
import type { PcbTestStack } from './testing/pcb-test-stack';
import { startPcbTestStack } from './testing/pcb-test-stack';

// order-select and order-sign over real HTTP, as `npm start` serves them: the embedded FHIR sandbox
// holds the charts, the hook calls send no prefetch (the protocol layer fetches it from fhirServer),
// and the context has the shape of the spec's hook-context examples with guideline drafts added.

const TODAY = '2026-11-22';
const NOW = new Date(`${TODAY}T12:00:00Z`);
const RULES = 'org.pcb-cds.rules';
const LOINC = 'http://loinc.org';
const SNOMED = 'http://snomed.info/sct';
type OrderHook = 'order-select' | 'order-sign';

const chart = (id: string): PatientBundleBuilder =>
  PatientBundleBuilder.forPatient(id, NOW).gender('female').birthSex('F').pcbCondition({ weeksAgo: 1 });
const CHARTS: Bundle<FhirResource>[] = [
  chart('ord-pregnant-30w')
    .born({ yearsAgo: 31 })
    .pregnancyStatus('pregnant')
    .gestationalAge({ weeks: 30 })
    .rhD('positive', { monthsAgo: 1 })
    .naat('ct-ng', 'negative', { weeksAgo: 2 })
    .build(),
  chart('ord-19y').born({ yearsAgo: 19 }).build(),
  chart('ord-35y-pap-current')
    .born({ yearsAgo: 35 })
    .cytology('NILM', { monthsAgo: 4 })
    .naat('ct-ng', 'negative', { monthsAgo: 1 })
    .hcg('negative', { daysAgo: 1 })
    .build(),
  PatientBundleBuilder.forPatient('ord-old-pcb', NOW).gender('female').born({ yearsAgo: 19 }).pcbCondition({ monthsAgo: 8 }).build(),
];

const draft = (id: string, patientId: string, system: string, code: string, text: string): ServiceRequest => ({
  resourceType: 'ServiceRequest',
  id,
  status: 'draft',
  intent: 'order',
  code: { coding: [{ system, code }], text },
  subject: { reference: `Patient/${patientId}` },
});
// The §4.9 code, as an EHR that accepted a patient-view suggestion would store it (and the chart reader recognises).
const pap = (patientId: string): ServiceRequest => draft('pap-1', patientId, LOINC, '47528-5', 'Pap smear');
const bimanual = (patientId: string): ServiceRequest => draft('bimanual-1', patientId, SNOMED, '35025007', 'Bimanual pelvic examination');

/** The spec example's context for `hook`, for `patientId`, with `drafts` added to its draftOrders (and selected, for order-select). */
function hookRequest(stack: PcbTestStack, hook: OrderHook, patientId: string, drafts: ServiceRequest[]): Record<string, unknown> {
  const example = readSpecJson<{ context: HookContext }>(`cds-hooks-spec/hook-context-examples/${hook}--1-example-r4.json`).context;
  const bundle = example.draftOrders as unknown as Bundle;
  return {
    hook,
    hookInstance: `int-${hook}-${patientId}`,
    fhirServer: stack.fhirBaseUrl,
    context: {
      ...example,
      patientId,
      draftOrders: { ...bundle, entry: [...(bundle.entry ?? []), ...drafts.map((resource) => ({ resource }))] },
      ...(hook === 'order-select' ? { selections: drafts.map((d) => `ServiceRequest/${d.id}`) } : {}),
    },
  };
}

describe('order-select and order-sign over HTTP', () => {
  let stack: PcbTestStack;
  beforeAll(async () => {
    stack = await startPcbTestStack({ today: TODAY, bundles: CHARTS });
  }, 60_000);
  afterAll(() => stack?.close());

  const call = async (hook: OrderHook, body: Record<string, unknown>): Promise<{ status: number; body: CdsResponse }> => {
    assertCdsHooksInvariants('request', body, { failOnWarnings: true });
    const id = hook === 'order-select' ? PCB_ORDER_SELECT_SERVICE_ID : PCB_ORDER_SIGN_SERVICE_ID;
    const res = await fetch(`${stack.serviceUrl}/cds-services/${id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as CdsResponse;
    if (res.status === 200) {
      assertCdsHooksInvariants('response', json, { failOnWarnings: true });
    }
    return { status: res.status, body: json };
  };
  const outline = (cards: Card[]): string[] =>
    cards.map(
      (c) =>
        `${c.indicator} ${(c.extension?.[RULES] as string[]).join('+')}: ${(c.suggestions ?? []).map((s) => (s.actions ?? []).map((a) => a.type).join('+')).join(' | ')}`,
    );

  it('discovery lists both order services with the patient-view prefetch', async () => {
    const discovery = (await (await fetch(`${stack.serviceUrl}/cds-services`)).json()) as DiscoveryResponse;
    assertCdsHooksInvariants('discovery', discovery, { failOnWarnings: true });
    const byId = new Map(discovery.services.map((s) => [s.id, s]));
    expect(byId.get(PCB_ORDER_SELECT_SERVICE_ID)?.hook).toBe('order-select');
    expect(byId.get(PCB_ORDER_SIGN_SERVICE_ID)?.hook).toBe('order-sign');
    expect(byId.get(PCB_ORDER_SELECT_SERVICE_ID)?.prefetch).toEqual(byId.get(PCB_SERVICE_ID)?.prefetch);
    expect(byId.get(PCB_ORDER_SIGN_SERVICE_ID)?.prefetch).toEqual(byId.get(PCB_SERVICE_ID)?.prefetch);
  });

  it('order-select, pregnant 30 weeks, bimanual exam selected → L&D triage (critical) and the exam replaced by ultrasound (warning)', async () => {
    const { status, body } = await call(
      'order-select',
      hookRequest(stack, 'order-select', 'ord-pregnant-30w', [bimanual('ord-pregnant-30w')]),
    );
    expect(status).toBe(200);
    expect(outline(body.cards)).toEqual(['critical PCB-32: create', 'warning PCB-32: delete+create']);
    const actions = body.cards[1].suggestions?.[0].actions ?? [];
    expect(actions[0]).toEqual({
      type: 'delete',
      description: 'Remove the draft order: Bimanual pelvic examination',
      resourceId: 'ServiceRequest/bimanual-1',
    });
    expect(body.cards.every((c) => typeof c.uuid === 'string')).toBe(true);
  });

  it('order-sign, 19 years, Pap with the example diet and antibiotic → PCB-12 warning (Pap → NAAT), pregnancy test untouched', async () => {
    const { status, body } = await call('order-sign', hookRequest(stack, 'order-sign', 'ord-19y', [pap('ord-19y')]));
    expect(status).toBe(200);
    expect(outline(body.cards)).toEqual(['warning PCB-12: delete+create', 'info PCB-14: create']);
  });

  it('order-select, cytology 4 months ago, Pap selected → delete suggestion (PCB-11)', async () => {
    const { body } = await call('order-select', hookRequest(stack, 'order-select', 'ord-35y-pap-current', [pap('ord-35y-pap-current')]));
    expect(outline(body.cards)).toEqual(['info PCB-11: delete']);
  });

  it('a draft the EHR stored in its FHIR server (status draft) is judged as a draft, not as "already ordered"', async () => {
    const stored = pap('ord-35y-pap-current');
    await stack.sandbox.transaction({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [{ resource: stored, request: { method: 'PUT', url: 'ServiceRequest/pap-1' } }],
    });
    const { body } = await call('order-sign', hookRequest(stack, 'order-sign', 'ord-35y-pap-current', [stored]));
    expect(outline(body.cards)).toEqual(['info PCB-11: delete']);
    expect(body.cards[0].detail).not.toContain('Already ordered');
  });

  it.each<[string, OrderHook, string, ServiceRequest[]]>([
    ['order-sign, the spec example as it is (diet + antibiotic)', 'order-sign', 'ord-19y', []],
    ['order-select, gate closed (PCB 8 months ago)', 'order-select', 'ord-old-pcb', [pap('ord-old-pcb')]],
    ['order-sign, gate closed (PCB 8 months ago)', 'order-sign', 'ord-old-pcb', [pap('ord-old-pcb')]],
  ])('%s → 200, no cards', async (_name, hook, patientId, drafts) => {
    const { status, body } = await call(hook, hookRequest(stack, hook, patientId, drafts));
    expect(status).toBe(200);
    expect(body.cards).toEqual([]);
  });
});
