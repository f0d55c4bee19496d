import type { Bundle, FhirResource, ServiceRequest } from 'fhir/r4';
import { assertCdsHooksInvariants, readSpecJson } from '@pcb-cds/cds-hooks-api/testing';
import type { Card, CdsResponse, FhirResourceJson, HookContext, ResolvedHookRequest } from '@pcb-cds/cds-hooks-model';
import { PatientBundleBuilder } from '@pcb-cds/postcoital-bleeding-demo-patients';
import { UK_PARAMETERS, US_PARAMETERS } from '@pcb-cds/postcoital-bleeding-facts';
import { TODAY } from '@pcb-cds/postcoital-bleeding-facts/testing';
import { defaultTerminology } from '@pcb-cds/postcoital-bleeding-terminology';
import type { PostcoitalBleedingSettings } from './evaluate-guideline';
import { PcbOrderHookCdsService } from './order-hook.cds-service';
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
  readSpecJson<{ context: HookContext }>(`cds-hooks-spec/hook-context-examples/${hook}--1-example-r4.json`).context;

const patient = (id: string): PatientBundleBuilder =>
  PatientBundleBuilder.forPatient(id, new Date(`${TODAY}T12:00:00Z`))
    .gender('female')
    .birthSex('F')
    .pcbCondition({ weeksAgo: 1 });

/** The chart as prefetch: each prefetch key holds a searchset of its resource type. */
const prefetchOf = (chart: Bundle<FhirResource>, extra: FhirResource[] = []): Record<string, FhirResourceJson | null> => {
  const resources = [...(chart.entry ?? []).map((e) => e.resource as FhirResource), ...extra];
  const searchset = (type: string): FhirResourceJson =>
    ({
      resourceType: 'Bundle',
      type: 'searchset',
      entry: resources.filter((r) => r.resourceType === type).map((resource) => ({ resource })),
    }) as FhirResourceJson;
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
function request(
  hook: 'order-select' | 'order-sign',
  chart: PatientBundleBuilder,
  drafts: ServiceRequest[],
  options: { selections?: string[]; extraPrefetch?: FhirResource[] } = {},
): ResolvedHookRequest {
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

const select = (
  chart: PatientBundleBuilder,
  drafts: ServiceRequest[],
  options?: { selections?: string[]; extraPrefetch?: FhirResource[] },
): Promise<CdsResponse> => new PcbOrderHookCdsService(SETTINGS, 'order-select').handle(request('order-select', chart, drafts, options));
const sign = (chart: PatientBundleBuilder, drafts: ServiceRequest[], options?: { extraPrefetch?: FhirResource[] }): Promise<CdsResponse> =>
  new PcbOrderHookCdsService(SETTINGS, 'order-sign').handle(request('order-sign', chart, drafts, options));

/** One line per card: indicator, rules, and the suggestion's action types with their targets. */
const outline = (response: CdsResponse): string[] => {
  assertCdsHooksInvariants('response', response, { failOnWarnings: true });
  return response.cards.map((c) => `${c.indicator} ${(c.extension?.[RULES] as string[]).join('+')}: ${actionsOf(c)}`);
};
const actionsOf = (c: Card): string =>
  (c.suggestions ?? [])
    .map((s) =>
      (s.actions ?? [])
        .map((a) =>
          a.type === 'delete' ? `delete ${a.resourceId}` : `create ${(a.resource as unknown as ServiceRequest).code?.coding?.[0].code}`,
        )
        .join(' + '),
    )
    .join(' | ');

describe('discovery', () => {
  it('two services on the order hooks, with the same prefetch as patient-view', () => {
    const patientView = new PostcoitalBleedingCdsService(SETTINGS).definition;
    const selectDef = new PcbOrderHookCdsService(SETTINGS, 'order-select').definition;
    const signDef = new PcbOrderHookCdsService(SETTINGS, 'order-sign').definition;
    expect([selectDef.id, selectDef.hook, signDef.id, signDef.hook]).toEqual([
      PCB_ORDER_SELECT_SERVICE_ID,
      'order-select',
      PCB_ORDER_SIGN_SERVICE_ID,
      'order-sign',
    ]);
    expect(selectDef.prefetch).toEqual(patientView.prefetch);
    expect(signDef.prefetch).toEqual(patientView.prefetch);
    assertCdsHooksInvariants('discovery', { services: [patientView, selectDef, signDef] }, { failOnWarnings: true });
  });
});

describe('order-select', () => {
  it('pregnant 30 weeks, bimanual exam selected → warning PCB-32 (delete + obstetric ultrasound), L&D referral still missing', async () => {
    const chart = patient('os-30w')
      .born({ yearsAgo: 31 })
      .pregnancyStatus('pregnant')
      .gestationalAge({ weeks: 30 })
      .rhD('positive', { monthsAgo: 1 })
      .naat('ct-ng', 'negative', { weeksAgo: 2 });
    expect(outline(await select(chart, [ORDERS.bimanual()]))).toEqual([
      'critical PCB-32: create 308484001',
      'warning PCB-32: delete ServiceRequest/bimanual + create 268445003',
    ]);
  });

  it('the warning card: summary, detail with dated facts, source, override reasons, one suggestion ordered delete then create', async () => {
    const chart = patient('os-30w-card')
      .born({ yearsAgo: 31 })
      .pregnancyStatus('pregnant')
      .gestationalAge({ weeks: 30 })
      .rhD('positive', { monthsAgo: 1 });
    const card = (await select(chart, [ORDERS.bimanual()])).cards.find((c) => c.indicator === 'warning') as Card;
    expect(card.summary).toBe('Pregnant ≥20 weeks: no digital or bimanual exam until ultrasound excludes placenta previa');
    expect(card.detail).toContain('**Draft order: Bimanual pelvic examination** (not advised for this patient)');
    expect(card.detail).toMatch(new RegExp(`- Pregnancy: pregnant, 30 weeks.*\\(${TODAY}\\)`));
    expect(card.detail).toContain('**Guideline**\nPregnant at ≥20 weeks: same-day obstetric triage; NO digital vaginal examination');
    expect(card.detail).not.toMatch(/PCB-\d\d|\.txt|pcb-guideline/);
    expect(card.source.label).toBe('AAFP 2007');
    expect(card.detail).toMatch(/Sakornbut E, Leeman L, Fontaine P\. Late pregnancy bleeding/);
    expect((card.links ?? []).length).toBeLessThanOrEqual(3);
    expect(card.extension?.['org.pcb-cds.trace']).toEqual([expect.objectContaining({ specification: expect.stringContaining('§2') })]);
    expect(card.overrideReasons?.map((r) => r.code)).toContain('obstetric-team-assessing-today');
    expect(card.suggestions).toHaveLength(1);
    const [remove, create] = card.suggestions?.[0].actions ?? [];
    expect(remove).toEqual({
      type: 'delete',
      description: 'Remove the draft order: Bimanual pelvic examination',
      resourceId: 'ServiceRequest/bimanual',
    });
    expect(create.resource).toMatchObject({
      resourceType: 'ServiceRequest',
      status: 'draft',
      intent: 'proposal',
      priority: 'stat',
      subject: { reference: 'Patient/os-30w-card' },
      encounter: { reference: 'Encounter/89284' },
    });
  });

  it('pregnant 10 weeks, cytology normal, ECC selected → warning PCB-16: delete ECC, no colposcopy offered (no rule asks for it, R2-14)', async () => {
    const chart = patient('os-ecc')
      .born({ yearsAgo: 29 })
      .pregnancyStatus('pregnant')
      .gestationalAge({ weeks: 10 })
      .rhD('positive', { monthsAgo: 1 })
      .cytology('NILM', { yearsAgo: 1 })
      .naat('ct-ng', 'negative', { monthsAgo: 1 });
    expect(outline(await select(chart, [ORDERS.ecc()]))).toEqual([
      'warning PCB-16: delete ServiceRequest/ecc',
      'warning PCB-30: create 308484001 | create 268445003',
    ]);
  });

  it('pregnant 10 weeks with HSIL, ECC selected → delete ECC + create colposcopy (PCB-16 asks for it)', async () => {
    const chart = patient('os-ecc-hsil')
      .born({ yearsAgo: 29 })
      .pregnancyStatus('pregnant')
      .gestationalAge({ weeks: 10 })
      .rhD('positive', { monthsAgo: 1 })
      .cytology('HSIL', { monthsAgo: 2 })
      .naat('ct-ng', 'negative', { monthsAgo: 1 });
    const [ecc] = (await select(chart, [ORDERS.ecc()])).cards.filter((c) => actionsOf(c).startsWith('delete ServiceRequest/ecc'));
    expect(actionsOf(ecc)).toBe('delete ServiceRequest/ecc + create 392003006');
  });

  it('known placenta praevia at 18 weeks, bimanual selected → warning: no digital exam at any gestation, nothing created', async () => {
    const chart = patient('os-praevia')
      .born({ yearsAgo: 30 })
      .pregnancyStatus('pregnant')
      .gestationalAge({ weeks: 18 })
      .placentaPraevia('36813001', { weeksAgo: 2 })
      .rhD('positive', { monthsAgo: 1 });
    const response = await select(chart, [ORDERS.bimanual()]);
    const verdict = response.cards.find((c) => actionsOf(c).startsWith('delete ServiceRequest/bimanual')) as Card;
    expect(verdict.indicator).toBe('warning');
    expect(verdict.summary).toBe('Known placenta previa: no digital or bimanual examination, at any gestation');
    expect(actionsOf(verdict)).toBe('delete ServiceRequest/bimanual');
    expect(verdict.detail).toContain('- Placenta previa: Placenta previa');
    expect(verdict.detail?.split('**Sources**')[0]).not.toMatch(/praevia/);
  });

  it('32 weeks, heavy bleeding, SBP 82 / HR 124 (PCB-34), bimanual selected → the verdict is as critical as the emergency card and uses its action', async () => {
    const chart = patient('os-aph')
      .born({ yearsAgo: 30 })
      .pregnancyStatus('pregnant')
      .gestationalAge({ weeks: 32 })
      .heavyBleeding()
      .vitals({ systolic: 82, heartRate: 124 })
      .rhD('positive', { monthsAgo: 1 });
    const response = await select(chart, [ORDERS.bimanual()]);
    const emergency = response.cards.find(
      (c) => (c.extension?.[RULES] as string[]).includes('PCB-34') && !actionsOf(c).startsWith('delete'),
    ) as Card;
    const verdict = response.cards.find((c) => actionsOf(c).startsWith('delete ServiceRequest/bimanual')) as Card;
    expect(emergency.indicator).toBe('critical');
    expect(verdict.indicator).toBe('critical');
    const action = emergency.summary.split(' — ')[1];
    expect(verdict.summary).toBe(`EMERGENCY: no digital or bimanual exam — ${action}`);
    expect(verdict.detail).toContain('ultrasound must not delay resuscitation or delivery');
    expect(verdict.detail).not.toMatch(/same-day|ultrasound \(placental location\) first/);
    expect(actionsOf(verdict)).toBe('delete ServiceRequest/bimanual');
  });

  it('not pregnant, heavy bleeding with SBP 82 / HR 124 (PCB-54), CBC selected → no verdict against it; the immediate card carries the rest, not the CBC', async () => {
    const chart = patient('os-shock')
      .born({ yearsAgo: 34 })
      .heavyBleeding()
      .vitals({ systolic: 82, heartRate: 124 })
      .hcg('negative', { daysAgo: 1 });
    const response = await select(chart, [order('cbc', LOINC, '58410-2', 'CBC')]);
    expect(response.cards.every((c) => !actionsOf(c).includes('delete'))).toBe(true);
    const immediate = response.cards.find((c) => (c.extension?.[RULES] as string[]).includes('PCB-54')) as Card;
    expect(immediate.indicator).toBe('critical');
    expect(actionsOf(immediate)).not.toContain('58410-2');
  });

  it('a revision-1 Rh type draft (LOINC 10331-7) counts as the ABO/Rh group; the antibody screen is still missing', async () => {
    const chart = patient('os-rh')
      .born({ yearsAgo: 27 })
      .pregnancyStatus('pregnant')
      .gestationalAge({ weeks: 14 })
      .cytology('NILM', { yearsAgo: 1 })
      .naat('ct-ng', 'negative', { monthsAgo: 1 });
    const response = await select(chart, [order('rh', LOINC, '10331-7', 'Rh type')]);
    const codes = response.cards.map(actionsOf).join(' | ');
    expect(codes).toContain('create 890-4');
    expect(codes).not.toContain('create 882-1');
  });

  it('a replacement order at 30 weeks carries the antepartum-haemorrhage reason and the weeks (O46.93 + Z3A.30), its category and the official display', async () => {
    const chart = patient('os-reason')
      .born({ yearsAgo: 31 })
      .pregnancyStatus('pregnant')
      .gestationalAge({ weeks: 30 })
      .rhD('positive', { monthsAgo: 1 });
    const verdict = (await select(chart, [ORDERS.bimanual()])).cards.find((c) => actionsOf(c).startsWith('delete')) as Card;
    const created = verdict.suggestions?.[0].actions?.[1].resource as unknown as ServiceRequest;
    expect(created.reasonCode?.map((r) => r.coding?.[0].code)).toEqual(['O46.93', 'Z3A.30']);
    expect(created.code?.coding?.[0]).toEqual({ system: SNOMED, code: '268445003', display: 'Ultrasound scan - obstetric' });
    expect(created.category?.[0].coding?.[0].code).toBe('363679005');
    expect(verdict.suggestions?.[0].label).toBe('Replace with: Obstetric ultrasound (viability, dating, placental site)');
  });

  it('UK mode: the replacement order gives WHO ICD-10 O46.9, no trimester digit, no Z3A', async () => {
    const chart = patient('os-reason-uk')
      .born({ yearsAgo: 31 })
      .pregnancyStatus('pregnant')
      .gestationalAge({ weeks: 30 })
      .rhD('positive', { monthsAgo: 1 });
    const service = new PcbOrderHookCdsService({ ...SETTINGS, parameters: UK_PARAMETERS }, 'order-select');
    const verdict = (await service.handle(request('order-select', chart, [ORDERS.bimanual()]))).cards.find((c) =>
      actionsOf(c).startsWith('delete'),
    ) as Card;
    const created = verdict.suggestions?.[0].actions?.[1].resource as unknown as ServiceRequest;
    expect(created.reasonCode).toEqual([
      {
        coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'O46.9', display: 'Antepartum haemorrhage, unspecified' }],
        text: expect.any(String),
      },
    ]);
  });

  it.each([
    ['US', US_PARAMETERS, /gynaecolog|haemorrhage|gonorrhoea|\bFBC\b|A&E|999|labour|\bsmear\b|praevia/],
    ['UK', UK_PARAMETERS, /gynecolog|hemorrhage|gonorrhea\b|\bCBC\b|911|\bED\b|emergency department|L&D|labor\b|\bPap\b/],
  ] as const)(
    "%s: a 19-year-old's cervical sample → the draft card and its replacement in the jurisdiction's own words (R2-13)",
    async (_name, parameters, foreign) => {
      const chart = patient(`os-words-${parameters.jurisdiction}`).born({ yearsAgo: 19 });
      const service = new PcbOrderHookCdsService({ ...SETTINGS, parameters }, 'order-select');
      // The draft's own text is the EHR's (neutral here); the card's words are ours.
      const response = await service.handle(request('order-select', chart, [order('pap', LOINC, '10524-7', 'Cervical cytology')]));
      const verdict = response.cards.find((c) => actionsOf(c).startsWith('delete')) as Card;
      const words = [
        verdict.summary,
        verdict.detail?.split('**Sources**')[0],
        verdict.suggestions?.[0].label,
        ...(verdict.suggestions?.[0].actions ?? []).map((a) => a.description),
      ].join('\n');
      expect(words).toContain('NAAT');
      expect(words).not.toMatch(foreign);
    },
  );

  it('35 y, cytology NILM 4 months ago, Pap selected → info PCB-11 delete; NAAT and hCG still missing', async () => {
    const chart = patient('os-pap').born({ yearsAgo: 35 }).cytology('NILM', { monthsAgo: 4 });
    const response = await select(chart, [ORDERS.cytology()]);
    expect(outline(response)).toEqual(['info PCB-11: delete ServiceRequest/pap', 'info PCB-13+PCB-14: create 80362-7 | create 2106-3']);
    expect(response.cards[0].detail).toContain('Last cervical cytology NILM on ');
    expect(response.cards[0].overrideReasons).toBeUndefined();
  });

  it('speaks to the selection only: the unselected Pap is not judged, but the selected NAAT covers PCB-13', async () => {
    const chart = patient('os-sel').born({ yearsAgo: 35 }).cytology('NILM', { monthsAgo: 4 });
    expect(outline(await select(chart, [ORDERS.cytology(), ORDERS.naat()], { selections: ['ServiceRequest/naat'] }))).toEqual([
      'info PCB-14: create 2106-3',
    ]);
  });

  it("selecting only the example's diet and antibiotic says nothing", async () => {
    const chart = patient('os-none').born({ yearsAgo: 35 });
    expect(
      outline(
        await select(chart, [ORDERS.naat()], {
          selections: ['NutritionOrder/pureeddiet-simple', 'MedicationRequest/smart-MedicationRequest-103'],
        }),
      ),
    ).toEqual([]);
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
    const active = {
      ...ORDERS.naat('lab-1'),
      status: 'active' as const,
      authoredOn: '2026-11-19',
      subject: { reference: 'Patient/sg-dup' },
    };
    const response = await sign(chart, [ORDERS.naat()], { extraPrefetch: [stored, active] });
    expect(outline(response)).toEqual(['info PCB-13: delete ServiceRequest/naat']);
    expect(response.cards[0].detail).toContain('- Already ordered: CT/NG NAAT vaginal swab (2026-11-19)');
  });

  it('a draft without id cannot be deleted: the card says why, with no suggestion', async () => {
    const chart = patient('sg-noid')
      .born({ yearsAgo: 35 })
      .cytology('NILM', { monthsAgo: 4 })
      .naat('ct-ng', 'negative', { monthsAgo: 1 })
      .hcg('negative', { daysAgo: 1 });
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
    const chart = PatientBundleBuilder.forPatient('sg-gate', new Date(`${TODAY}T12:00:00Z`))
      .gender('female')
      .born({ yearsAgo: 29 })
      .pcbCondition({ monthsAgo: 8 })
      .pregnancyStatus('pregnant')
      .gestationalAge({ weeks: 10 });
    expect(outline(await sign(chart, [ORDERS.ecc()]))).toEqual([]);
  });

  it('malformed or missing draftOrders → no cards (the protocol layer does not validate hook-specific context)', async () => {
    const chart = patient('sg-bad').born({ yearsAgo: 19 });
    const req = request('order-sign', chart, [ORDERS.cytology()]);
    for (const draftOrders of [undefined, { resourceType: 'ServiceRequest' }, 'text']) {
      const response = await new PcbOrderHookCdsService(SETTINGS, 'order-sign').handle({
        ...req,
        context: { ...req.context, draftOrders: draftOrders as FhirResourceJson },
      });
      expect(outline(response)).toEqual([]);
    }
  });

  it('the urgency map applies: a site mapping soon → critical makes an advised-against draft critical', async () => {
    const chart = patient('sg-map').born({ yearsAgo: 19 });
    const service = new PcbOrderHookCdsService(
      {
        ...SETTINGS,
        indicatorMap: { routine: 'info', soon: 'critical', urgent: 'warning', emergency: 'critical', immediate: 'critical' },
      },
      'order-sign',
    );
    const response = await service.handle(request('order-sign', chart, [ORDERS.cytology()]));
    expect(outline(response)[0]).toBe('critical PCB-12: delete ServiceRequest/pap + create 80362-7');
  });
});

describe('patient-view is unchanged by the shared pipeline', () => {
  it('the same chart fires the same rules', async () => {
    const chart = patient('pv-19').born({ yearsAgo: 19 });
    const response = await new PostcoitalBleedingCdsService(SETTINGS).handle({
      hook: 'patient-view',
      hookInstance: 'x',
      context: { patientId: 'pv-19' },
      prefetch: prefetchOf(chart.build()),
    });
    expect(response.cards.flatMap((c) => c.extension?.[RULES] as string[]).sort()).toEqual(['PCB-10', 'PCB-12', 'PCB-13', 'PCB-14']);
  });
});
