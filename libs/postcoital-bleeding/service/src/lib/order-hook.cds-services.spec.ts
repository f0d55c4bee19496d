import type { Bundle, FhirResource, ServiceRequest } from 'fhir/r4';
import { assertCdsHooksInvariants, readSharedJson } from '@pcb-cds/cds-hooks-api/testing';
import type { Card, CdsResponse, FhirResourceJson, HookContext, ResolvedHookRequest } from '@pcb-cds/cds-hooks-model';
import { PatientBundleBuilder } from '@pcb-cds/postcoital-bleeding-demo-patients';
import { US_PARAMETERS } from '@pcb-cds/postcoital-bleeding-facts';
import { TODAY } from '@pcb-cds/postcoital-bleeding-facts/testing';
import { defaultTerminology } from '@pcb-cds/postcoital-bleeding-terminology';
import type { PostcoitalBleedingSettings } from './evaluate-guideline';
import { PcbOrderSelectCdsService, PcbOrderSignCdsService } from './order-hook.cds-services';
import { PCB_ORDER_SELECT_SERVICE_ID, PCB_ORDER_SIGN_SERVICE_ID } from './order-service-definitions';
import { PostcoitalBleedingCdsService } from './postcoital-bleeding.cds-service';

const RULES = 'org.pcb-cds.rules';
const SETTINGS: PostcoitalBleedingSettings = {
  parameters: US_PARAMETERS,
  terminology: defaultTerminology,
  clock: () => new Date(`${TODAY}T12:00:00Z`),
};
const LOINC = 'http://loinc.org';
const SNOMED = 'http://snomed.info/sct';

// The spec's hook-context examples (NutritionOrder + antibiotic drafts) are the base of every request:
// guideline drafts are added to the same Bundle, the patient is a synthetic FHIR chart given as prefetch.
const example = (hook: 'order-select' | 'order-sign'): HookContext =>
  readSharedJson<{ context: HookContext }>(`cds-hooks-spec/hook-context-examples/${hook}--1-example-r4.json`).context;

const patient = (id: string): PatientBundleBuilder =>
  PatientBundleBuilder.forPatient(id, new Date(`${TODAY}T12:00:00Z`)).gender('female').birthSex('F').pcbCondition({ weeksAgo: 1 });

/** The chart as prefetch: each prefetch key holds a searchset of its resource type. */
const prefetchOf = (chart: Bundle<FhirResource>, extra: FhirResource[] = []): Record<string, FhirResourceJson | null> => {
  const resources = [...(chart.entry ?? []).map((e) => e.resource as FhirResource), ...extra];
  const searchset = (type: string): FhirResourceJson =>
    ({ resourceType: 'Bundle', type: 'searchset', entry: resources.filter((r) => r.resourceType === type).map((resource) => ({ resource })) }) as FhirResourceJson;
  return {
    patient: resources.find((r) => r.resourceType === 'Patient') as unknown as FhirResourceJson,
    conditions: searchset('Condition'),
    observations: searchset('Observation'),
    procedures: searchset('Procedure'),
    medicationRequests: searchset('MedicationRequest'),
    medicationStatements: null,
    encounters: searchset('Encounter'),
    questionnaireResponses: searchset('QuestionnaireResponse'),
    serviceRequests: searchset('ServiceRequest'),
    diagnosticReports: searchset('DiagnosticReport'),
  };
};

const order = (id: string, system: string, code: string, text: string, status: ServiceRequest['status'] = 'draft'): ServiceRequest => ({
  resourceType: 'ServiceRequest',
  id,
  status,
  intent: 'order',
  code: { coding: [{ system, code }], text },
  subject: { reference: 'Patient/PATIENT' },
  authoredOn: TODAY,
});
const ORDERS = {
  cytology: (id = 'pap') => order(id, LOINC, '10524-7', 'Pap smear'),
  naat: (id = 'naat') => order(id, LOINC, '80362-7', 'CT/NG NAAT vaginal swab'),
  ecc: (id = 'ecc') => order(id, SNOMED, '52889002', 'Endocervical curettage'),
  bimanual: (id = 'bimanual') => order(id, SNOMED, '35025007', 'Bimanual pelvic examination'),
};

/** A resolved request in the hook-context example's shape, for `patientId`, with `drafts` added to its draftOrders. */
function request(hook: 'order-select' | 'order-sign', chart: PatientBundleBuilder, drafts: ServiceRequest[], options: { selections?: string[]; extraPrefetch?: FhirResource[] } = {}): ResolvedHookRequest {
  const base = example(hook);
  const draftOrders = base.draftOrders as unknown as Bundle;
  const ours = drafts.map((d) => ({ resource: { ...d, subject: { reference: `Patient/${chart.patientId}` } } }));
  return {
    hook,
    hookInstance: `test-${hook}`,
    context: {
      ...base,
      patientId: chart.patientId,
      draftOrders: { ...draftOrders, entry: [...(draftOrders.entry ?? []), ...ours] } as unknown as FhirResourceJson,
      ...(hook === 'order-select' ? { selections: options.selections ?? drafts.map((d) => `ServiceRequest/${d.id}`) } : {}),
    },
    prefetch: prefetchOf(chart.build(), options.extraPrefetch),
  };
}

const select = (chart: PatientBundleBuilder, drafts: ServiceRequest[], options?: { selections?: string[]; extraPrefetch?: FhirResource[] }): Promise<CdsResponse> =>
  new PcbOrderSelectCdsService(SETTINGS).handle(request('order-select', chart, drafts, options));
const sign = (chart: PatientBundleBuilder, drafts: ServiceRequest[], options?: { extraPrefetch?: FhirResource[] }): Promise<CdsResponse> =>
  new PcbOrderSignCdsService(SETTINGS).handle(request('order-sign', chart, drafts, options));

/** One line per card: indicator, rules, and the suggestion's action types with their targets. */
const outline = (response: CdsResponse): string[] => {
  assertCdsHooksInvariants('response', response, { failOnWarnings: true });
  return response.cards.map((c) => `${c.indicator} ${(c.extension?.[RULES] as string[]).join('+')}: ${actionsOf(c)}`);
};
const actionsOf = (c: Card): string =>
  (c.suggestions ?? [])
    .map((s) => (s.actions ?? []).map((a) => (a.type === 'delete' ? `delete ${a.resourceId}` : `create ${(a.resource as unknown as ServiceRequest).code?.coding?.[0].code}`)).join(' + '))
    .join(' | ');

describe('discovery', () => {
  it('two services on the order hooks, with the same prefetch as patient-view', () => {
    const patientView = new PostcoitalBleedingCdsService(SETTINGS).definition;
    const selectDef = new PcbOrderSelectCdsService(SETTINGS).definition;
    const signDef = new PcbOrderSignCdsService(SETTINGS).definition;
    expect([selectDef.id, selectDef.hook, signDef.id, signDef.hook]).toEqual([PCB_ORDER_SELECT_SERVICE_ID, 'order-select', PCB_ORDER_SIGN_SERVICE_ID, 'order-sign']);
    expect(selectDef.prefetch).toEqual(patientView.prefetch);
    expect(signDef.prefetch).toEqual(patientView.prefetch);
    assertCdsHooksInvariants('discovery', { services: [patientView, selectDef, signDef] }, { failOnWarnings: true });
  });
});

describe('order-select', () => {
  it('pregnant 30 weeks, bimanual exam selected → warning PCB-32 (delete + obstetric ultrasound), L&D referral still missing', async () => {
    const chart = patient('os-30w').born({ yearsAgo: 31 }).pregnancyStatus('pregnant').gestationalAge({ weeks: 30 }).rhD('positive', { monthsAgo: 1 }).naat('ct-ng', 'negative', { weeksAgo: 2 });
    expect(outline(await select(chart, [ORDERS.bimanual()]))).toEqual([
      'critical PCB-32: create 308484001',
      'warning PCB-32: delete ServiceRequest/bimanual + create 268445003',
    ]);
  });

  it('the warning card: summary, detail with dated facts, source, override reasons, one suggestion ordered delete then create', async () => {
    const chart = patient('os-30w-card').born({ yearsAgo: 31 }).pregnancyStatus('pregnant').gestationalAge({ weeks: 30 }).rhD('positive', { monthsAgo: 1 });
    const card = (await select(chart, [ORDERS.bimanual()])).cards.find((c) => c.indicator === 'warning') as Card;
    expect(card.summary).toBe('Pregnant ≥20 weeks: no digital or bimanual exam until ultrasound excludes placenta praevia');
    expect(card.detail).toContain('**Draft order: Bimanual pelvic examination** (not advised for this patient)');
    expect(card.detail).toMatch(new RegExp(`- Pregnancy: pregnant .*, 30 weeks .*\\(${TODAY}\\)`));
    expect(card.detail).toContain('**Guideline** (PCB-32)\nPregnant at ≥20 weeks: same-day obstetric triage; NO digital vaginal examination');
    expect(card.source.label).toBe('AAFP 2007: Late pregnancy bleeding');
    expect(card.overrideReasons?.map((r) => r.code)).toContain('obstetric-team-assessing-today');
    expect(card.suggestions).toHaveLength(1);
    const [remove, create] = card.suggestions?.[0].actions ?? [];
    expect(remove).toEqual({ type: 'delete', description: 'Remove the draft order: Bimanual pelvic examination', resourceId: 'ServiceRequest/bimanual' });
    expect(create.resource).toMatchObject({ resourceType: 'ServiceRequest', status: 'draft', intent: 'proposal', priority: 'stat', subject: { reference: 'Patient/os-30w-card' }, encounter: { reference: 'Encounter/89284' } });
  });

  it('pregnant 10 weeks, ECC selected → warning PCB-16: delete ECC + create colposcopy', async () => {
    const chart = patient('os-ecc').born({ yearsAgo: 29 }).pregnancyStatus('pregnant').gestationalAge({ weeks: 10 }).rhD('positive', { monthsAgo: 1 }).cytology('NILM', { yearsAgo: 1 }).naat('ct-ng', 'negative', { monthsAgo: 1 });
    expect(outline(await select(chart, [ORDERS.ecc()]))).toEqual([
      'warning PCB-16: delete ServiceRequest/ecc + create 392003006',
      'warning PCB-30: create 308484001 | create 268445003',
    ]);
  });

  it('35 y, cytology NILM 4 months ago, Pap selected → info PCB-11 delete; NAAT and hCG still missing', async () => {
    const chart = patient('os-pap').born({ yearsAgo: 35 }).cytology('NILM', { monthsAgo: 4 });
    const response = await select(chart, [ORDERS.cytology()]);
    expect(outline(response)).toEqual(['info PCB-11: delete ServiceRequest/pap', 'info PCB-13+PCB-14: create 80362-7 | create 2106-3']);
    expect(response.cards[0].detail).toContain('Last cervical cytology NILM on ');
    expect(response.cards[0].overrideReasons).toBeUndefined();
  });

  it('speaks to the selection only: the unselected Pap is not judged, but the selected NAAT covers PCB-13', async () => {
    const chart = patient('os-sel').born({ yearsAgo: 35 }).cytology('NILM', { monthsAgo: 4 });
    expect(outline(await select(chart, [ORDERS.cytology(), ORDERS.naat()], { selections: ['ServiceRequest/naat'] }))).toEqual(['info PCB-14: create 2106-3']);
  });

  it('selecting only the example\'s diet and antibiotic says nothing', async () => {
    const chart = patient('os-none').born({ yearsAgo: 35 });
    expect(outline(await select(chart, [ORDERS.naat()], { selections: ['NutritionOrder/pureeddiet-simple', 'MedicationRequest/smart-MedicationRequest-103'] }))).toEqual([]);
  });
});

describe('order-sign', () => {
  it('19 y signing a Pap with the example orders → warning PCB-12 (delete Pap + create NAAT), hCG untouched', async () => {
    const chart = patient('sg-19').born({ yearsAgo: 19 });
    expect(outline(await sign(chart, [ORDERS.cytology()]))).toEqual([
      'warning PCB-12: delete ServiceRequest/pap + create 80362-7',
      'info PCB-14: create 2106-3',
    ]);
  });

  it('negative NAAT 1 month ago, NAAT signed → info PCB-13 delete; hCG untouched', async () => {
    const chart = patient('sg-naat').born({ yearsAgo: 35 }).cytology('NILM', { yearsAgo: 1 }).naat('ct-ng', 'negative', { monthsAgo: 1 });
    expect(outline(await sign(chart, [ORDERS.naat()]))).toEqual(['info PCB-13: delete ServiceRequest/naat', 'info PCB-14: create 2106-3']);
  });

  it('a draft stored by the EHR (in the serviceRequests prefetch) is not "already ordered"; an active order elsewhere is', async () => {
    const chart = patient('sg-dup').born({ yearsAgo: 35 }).cytology('NILM', { yearsAgo: 1 }).hcg('negative', { daysAgo: 1 });
    const stored = { ...ORDERS.naat(), subject: { reference: 'Patient/sg-dup' } };
    expect(outline(await sign(chart, [ORDERS.naat()], { extraPrefetch: [stored] }))).toEqual([]);
    const active = { ...ORDERS.naat('lab-1'), status: 'active' as const, authoredOn: '2026-11-19', subject: { reference: 'Patient/sg-dup' } };
    const response = await sign(chart, [ORDERS.naat()], { extraPrefetch: [stored, active] });
    expect(outline(response)).toEqual(['info PCB-13: delete ServiceRequest/naat']);
    expect(response.cards[0].detail).toContain('- Already ordered: CT/NG NAAT vaginal swab (2026-11-19)');
  });

  it('a draft without id cannot be deleted: the card says why, with no suggestion', async () => {
    const chart = patient('sg-noid').born({ yearsAgo: 35 }).cytology('NILM', { monthsAgo: 4 }).naat('ct-ng', 'negative', { monthsAgo: 1 }).hcg('negative', { daysAgo: 1 });
    const withoutId: ServiceRequest = { ...ORDERS.cytology(), id: undefined };
    const response = await sign(chart, [withoutId]);
    expect(outline(response)).toEqual(['info PCB-11: ']);
    expect(response.cards[0].detail).toContain('**Draft order: Pap smear** (not needed)');
  });

  it('the spec example as it is (a diet and an antibiotic) → no cards', async () => {
    const chart = patient('sg-example').born({ yearsAgo: 19 });
    expect(outline(await sign(chart, []))).toEqual([]);
  });

  it('gate closed (PCB 8 months ago) → no cards, even for an ECC in pregnancy', async () => {
    const chart = PatientBundleBuilder.forPatient('sg-gate', new Date(`${TODAY}T12:00:00Z`)).gender('female').born({ yearsAgo: 29 }).pcbCondition({ monthsAgo: 8 }).pregnancyStatus('pregnant').gestationalAge({ weeks: 10 });
    expect(outline(await sign(chart, [ORDERS.ecc()]))).toEqual([]);
  });

  it('malformed or missing draftOrders → no cards (the protocol layer does not validate hook-specific context)', async () => {
    const chart = patient('sg-bad').born({ yearsAgo: 19 });
    const req = request('order-sign', chart, [ORDERS.cytology()]);
    for (const draftOrders of [undefined, { resourceType: 'ServiceRequest' }, 'text']) {
      const response = await new PcbOrderSignCdsService(SETTINGS).handle({ ...req, context: { ...req.context, draftOrders: draftOrders as FhirResourceJson } });
      expect(outline(response)).toEqual([]);
    }
  });

  it('the urgency map applies: a site mapping soon → critical makes an advised-against draft critical', async () => {
    const chart = patient('sg-map').born({ yearsAgo: 19 });
    const service = new PcbOrderSignCdsService({ ...SETTINGS, indicatorMap: { routine: 'info', soon: 'critical', urgent: 'warning', emergency: 'critical', immediate: 'critical' } });
    const response = await service.handle(request('order-sign', chart, [ORDERS.cytology()]));
    expect(outline(response)[0]).toBe('critical PCB-12: delete ServiceRequest/pap + create 80362-7');
  });
});

describe('patient-view is unchanged by the shared pipeline', () => {
  it('the same chart fires the same rules', async () => {
    const chart = patient('pv-19').born({ yearsAgo: 19 });
    const response = await new PostcoitalBleedingCdsService(SETTINGS).handle({ hook: 'patient-view', hookInstance: 'x', context: { patientId: 'pv-19' }, prefetch: prefetchOf(chart.build()) });
    expect(response.cards.flatMap((c) => c.extension?.[RULES] as string[]).sort()).toEqual(['PCB-10', 'PCB-12', 'PCB-13', 'PCB-14']);
  });
});
