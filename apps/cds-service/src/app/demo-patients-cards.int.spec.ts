import { randomUUID } from 'node:crypto';
import type { Bundle, CodeableConcept, Coding, FhirResource, ServiceRequest } from 'fhir/r4';
import { assertCdsHooksInvariants } from '@pcb-cds/cds-hooks-api/testing';
import type { Card, CdsResponse } from '@pcb-cds/cds-hooks-model';
import {
  DEMO_PATIENTS,
  PatientBundleBuilder,
  PUBLISHED_VIGNETTES,
  dateAgo,
  startOfUtcDay,
} from '@pcb-cds/postcoital-bleeding-demo-patients';
import { PCB_SERVICE_ID } from '@pcb-cds/postcoital-bleeding-service';
import type { PcbTestStack } from './testing/pcb-test-stack';
import { startPcbTestStack } from './testing/pcb-test-stack';

/**
 * What a clinician reads on the cards for the revision-2 demo patients, over real
 * HTTP: summary words and values, indicator, the presence and absence of advice, order codes and
 * reason codes, links. Every code and phrase below is typed from pcb-guideline.md rev 2 (§R2, §2,
 * §4.9) and fact-encoding.md, not imported from the product.
 */

const NOW = new Date();
const TODAY = NOW.toISOString().slice(0, 10);

const LOINC = 'http://loinc.org';
const SCT = 'http://snomed.info/sct';
const ICD10CM = 'http://hl7.org/fhir/sid/icd-10-cm';

// §4.9 / R2-26 order codes
const CBC = `${LOINC}|58410-2`;
const ABO_RH = `${LOINC}|882-1`;
const ANTIBODY_SCREEN = `${LOINC}|890-4`;
const INR = `${LOINC}|6301-6`;
const OBSTETRIC_ULTRASOUND = `${SCT}|268445003`;
const COLPOSCOPY = `${SCT}|392003006`;
const HCG_ORDERS = ['2106-3', '2118-8', '21198-7', '83086-9'].map((c) => `${LOINC}|${c}`);
const CERVICAL_TEST_ORDERS = ['47528-5', '47527-7', '10524-7', '82675-0', '30167-1', '59420-0'].map((c) => `${LOINC}|${c}`);
const CT_NG_NAAT_ORDERS = ['36903-3', '43304-5', '43305-2', '80362-7', '21613-5', '53926-2', '53879-3'].map((c) => `${LOINC}|${c}`);

const RULES = 'org.pcb-cds.rules';
const rulesOf = (c: Card): string[] => (c.extension?.[RULES] as string[] | undefined) ?? [];
const allRules = (body: CdsResponse): string[] => body.cards.flatMap(rulesOf).sort();
const cardFor = (body: CdsResponse, ruleId: string): Card => {
  const found = body.cards.filter((c) => rulesOf(c).includes(ruleId));
  expect(found).toHaveLength(1);
  return found[0];
};

/** Everything on a card a clinician reads (not the URLs). */
const text = (c: Card): string =>
  [c.summary, c.detail ?? '', c.source.label, ...(c.links ?? []).map((l) => l.label), ...(c.suggestions ?? []).map((s) => s.label)].join(
    '\n',
  );
const allText = (body: CdsResponse): string => body.cards.map(text).join('\n');

const orders = (c: Card): ServiceRequest[] =>
  (c.suggestions ?? [])
    .flatMap((s) => s.actions ?? [])
    .map((a) => a.resource as unknown as ServiceRequest)
    .filter((r) => r?.resourceType === 'ServiceRequest');
const allOrders = (body: CdsResponse): ServiceRequest[] => body.cards.flatMap(orders);
const codesOf = (concepts: (CodeableConcept | undefined)[]): string[] =>
  concepts.flatMap((cc) => cc?.coding ?? []).map((c: Coding) => `${c.system}|${c.code}`);
const orderCodes = (srs: ServiceRequest[]): string[] => codesOf(srs.map((r) => r.code));
const reasonCodings = (sr: ServiceRequest): Coding[] => (sr.reasonCode ?? []).flatMap((cc) => cc.coding ?? []);
const ordersWith = (srs: ServiceRequest[], codes: readonly string[]): ServiceRequest[] =>
  srs.filter((r) => codesOf([r.code]).some((c) => codes.includes(c)));

/** Seed and specification file names, or any file name, must never reach a card (R2-15). */
const FILE_NAME = /\b[\w.-]+\.(txt|md|json|ts|js|yaml|yml|csv)\b|\b\d{3}_[0-9a-f]{16}\b|pcb-guideline|fact-encoding/i;
const withoutUrls = (s: string): string => s.replace(/https?:\/\/\S+/g, '');

/** The lines under each card's "Data gaps" heading. */
const dataGaps = (body: CdsResponse): string[] =>
  body.cards.flatMap((c) => {
    const lines = (c.detail ?? '').split('\n').map((l) => l.trim());
    const start = lines.findIndex((l) => /^\*\*Data gaps\*\*/i.test(l));
    if (start < 0) {
      return [];
    }
    const rest = lines.slice(start + 1);
    const end = rest.findIndex((l, i) => !l.startsWith('- ') && (l !== '' || i > 0));
    return rest.slice(0, end < 0 ? rest.length : end).filter((l) => l.startsWith('- '));
  });

/** The card contract of R2-15 for every card of every patient here. */
function expectReadableCards(body: CdsResponse): void {
  assertCdsHooksInvariants('response', body);
  // Each data gap once, on one card.
  const gaps = dataGaps(body);
  expect(gaps).toEqual([...new Set(gaps)]);
  for (const card of body.cards) {
    expect(card.summary.length).toBeLessThanOrEqual(140);
    expect((card.links ?? []).length).toBeLessThanOrEqual(3);
    for (const link of card.links ?? []) {
      expect(link.url).toMatch(/^https:\/\//);
      expect(link.url).not.toMatch(/pcb-guideline|fact-encoding|\.txt$|\.md$/i);
    }
    expect(withoutUrls(text(card))).not.toMatch(FILE_NAME);
    // Rule ids only in the extension.
    expect(`${card.summary}\n${card.detail ?? ''}`).not.toMatch(/\bPCB-\d{2}\b/);
  }
}

function demo(id: string): { id: string; bundle: (today?: Date) => Bundle<FhirResource> } {
  const p = DEMO_PATIENTS.find((x) => x.id === id);
  if (p === undefined) {
    throw new Error(`no demo patient ${id}`);
  }
  return p;
}

/** Lena's record, but the hook is called from her emergency-department Encounter (class EMER → in hospital). */
const LENA_IN_THE_ED = (() => {
  const patientId = 'pcb-r2-lena-in-the-ed';
  const bundle = new PatientBundleBuilder(patientId, NOW)
    .name('Lena', 'Demo')
    .born({ yearsAgo: 26 })
    .gender('female')
    .birthSex('F')
    .lmp({ weeksAgo: 7 })
    .cytology('NILM', { yearsAgo: 1 })
    .naat('ct-ng', 'negative', { monthsAgo: 2 })
    .pcbCondition({ daysAgo: 1 })
    .finding('syncope', { as: 'condition' })
    .finding('acute-abdominal-pain', { as: 'condition' })
    .vitals({ systolic: 88, heartRate: 116 })
    .pcbEncounter({ encounterClass: 'emergency' })
    .build();
  const encounterId = bundle.entry?.find((e) => e.resource?.resourceType === 'Encounter')?.resource?.id ?? 'missing';
  return { patientId, encounterId, bundle };
})();

const US_PATIENTS = [
  'pcb-demo-aph-32w-shock',
  'pcb-demo-collapse-pregnancy-unknown',
  'pcb-demo-heavy-bleeding-warfarin',
  'pcb-demo-praevia-18w',
  'pcb-demo-age-15',
  'pcb-demo-hsil-report',
  'pcb-demo-cin3-histology',
  'pcb-demo-undated-hysterectomy',
  'pcb-demo-immune-status',
  'pcb-demo-pregnant-ga-unknown',
  'pcb-demo-known-ectopic',
];

describe('revision-2 demo patients: the cards a clinician reads (US mode)', () => {
  let stack: PcbTestStack;
  const view = async (id: string): Promise<CdsResponse> => {
    const { status, body } = await stack.patientView(id);
    expect(status).toBe(200);
    expectReadableCards(body);
    return body;
  };

  beforeAll(async () => {
    const vignettes = PUBLISHED_VIGNETTES.filter((v) => v.id === 'V47' || v.id === 'V48').map((v) => v.bundle(NOW));
    stack = await startPcbTestStack({
      today: TODAY,
      bundles: [...US_PATIENTS.map((id) => demo(id).bundle(NOW)), ...vignettes, LENA_IN_THE_ED.bundle],
    });
  }, 60_000);
  afterAll(() => stack?.close());

  it('Aisha, 32 weeks, heavy bleeding, BP 82/48, pulse 124: one critical obstetric-emergency card naming 32 wk and SBP 82, ambulance, no digital exam, major-haemorrhage orders', async () => {
    const body = await view('pcb-demo-aph-32w-shock');
    expect(allRules(body)).toEqual(['PCB-34']);
    const card = cardFor(body, 'PCB-34');
    expect(card.indicator).toBe('critical');
    expect(card.summary).toMatch(/^(IMMEDIATE|EMERGENCY):/);
    expect(card.summary).toMatch(/\b32\b/);
    expect(card.summary).toMatch(/\b82\b/);
    const t = text(card);
    expect(t).toMatch(/no digital/i);
    expect(t).toMatch(/ambulance|911/i);
    expect(t).not.toMatch(/rapid[- ]response/i);
    expect(t).toMatch(/fibrinogen/i);
    expect(t).toMatch(/must not delay/i);
    expect(t).toMatch(/CTG|cardiotocograph|fetal monitoring/i); // 32 wk is past viabilityWeeks (22)
    const srs = orders(card);
    expect(orderCodes(srs)).toEqual(expect.arrayContaining([CBC, ABO_RH, ANTIBODY_SCREEN, OBSTETRIC_ULTRASOUND]));
    expect(srs.every((r) => r.priority === 'stat')).toBe(true);
    for (const sr of srs) {
      const reasons = reasonCodings(sr);
      expect(reasons).toEqual(expect.arrayContaining([expect.objectContaining({ system: ICD10CM, code: 'O46.93' })]));
      expect(reasons).toEqual(expect.arrayContaining([expect.objectContaining({ system: ICD10CM, code: 'Z3A.32' })]));
      expect(reasons.map((c) => c.code)).not.toContain('N93.0');
    }
    expect((card.overrideReasons ?? []).map((r) => r.display).join('\n')).toMatch(/obstetric team aware of this bleed/i);
  });

  it('Lena, fainted, BP 88, pulse 116, pregnancy not tested: IMMEDIATE ambulance, ruptured ectopic until excluded, hCG once at stat, no PID card', async () => {
    const body = await view('pcb-demo-collapse-pregnancy-unknown');
    expect(allRules(body)).toEqual(['PCB-10', 'PCB-14', 'PCB-54']);
    const card = cardFor(body, 'PCB-54');
    expect(card.indicator).toBe('critical');
    expect(card.summary).toMatch(/^(IMMEDIATE|EMERGENCY):/);
    expect(card.summary).toMatch(/\b88\b|\b116\b|syncope|faint/i);
    const t = text(card);
    expect(t).toMatch(/ectopic/i);
    expect(t).toMatch(/ambulance|911/i);
    expect(t).toMatch(/private transport/i);
    expect(t).not.toMatch(/rapid[- ]response/i);
    expect(orderCodes(orders(card))).toContain(CBC);
    const hcg = ordersWith(allOrders(body), HCG_ORDERS);
    expect(hcg).toHaveLength(1);
    expect(ordersWith(orders(card), HCG_ORDERS)).toHaveLength(1);
    expect(hcg[0].priority).toBe('stat');
  });

  it('Lena, the same collapse seen in the emergency department (hook Encounter class EMER): call the rapid-response team, not an ambulance', async () => {
    const res = await fetch(`${stack.serviceUrl}/cds-services/${PCB_SERVICE_ID}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        hook: 'patient-view',
        hookInstance: randomUUID(),
        fhirServer: stack.fhirBaseUrl,
        context: { userId: 'Practitioner/example', patientId: LENA_IN_THE_ED.patientId, encounterId: LENA_IN_THE_ED.encounterId },
      }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as CdsResponse;
    expectReadableCards(body);
    const card = cardFor(body, 'PCB-54');
    expect(card.indicator).toBe('critical');
    expect(text(card)).toMatch(/rapid[- ]response/i);
    expect(text(card)).not.toMatch(/ambulance/i);
    expect(text(card)).toMatch(/ectopic/i);
  });

  it('Carmen, on warfarin, heavy bleeding, BP 118/76, pulse 92: same-day emergency card (not IMMEDIATE) with INR and CBC, hCG once', async () => {
    const body = await view('pcb-demo-heavy-bleeding-warfarin');
    expect(allRules(body)).toEqual(['PCB-10', 'PCB-14', 'PCB-45', 'PCB-50']);
    const card = cardFor(body, 'PCB-50');
    expect(card.indicator).toBe('critical');
    expect(card.summary).not.toMatch(/^IMMEDIATE/);
    expect(card.summary).toMatch(/heavy/i);
    expect(orderCodes(orders(card))).toEqual(expect.arrayContaining([INR, CBC]));
    expect(ordersWith(allOrders(body), HCG_ORDERS)).toHaveLength(1);
    expect(text(cardFor(body, 'PCB-45'))).toMatch(/does not explain/i);
  });

  it('Hana, 18 weeks with a known placenta praevia: obstetric-triage card at 18 wk, never a digital exam, praevia reason code (not O46)', async () => {
    const body = await view('pcb-demo-praevia-18w');
    expect(allRules(body)).toEqual(['PCB-32']);
    const card = cardFor(body, 'PCB-32');
    expect(card.indicator).toBe('critical');
    expect(card.summary).toMatch(/\b18\b/);
    expect(text(card)).toMatch(/pra?evia/i);
    expect(text(card)).toMatch(/no digital|never .*digital/i);
    const reasons = allOrders(body)
      .flatMap(reasonCodings)
      .filter((c) => c.system === ICD10CM)
      .map((c) => c.code ?? '');
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.some((c) => /^O44\.[135]2$/.test(c))).toBe(true); // with haemorrhage, 2nd trimester (R2-27)
    expect(reasons.filter((c) => c.startsWith('O46'))).toEqual([]);
  });

  it('Zoe, 15: a safeguarding prompt (seen alone, consent, coercion or abuse), info not warning, and no Pap or HPV order', async () => {
    const body = await view('pcb-demo-age-15');
    expect(allRules(body)).toEqual(['PCB-10', 'PCB-12', 'PCB-13', 'PCB-14', 'PCB-19']);
    const card = cardFor(body, 'PCB-19');
    expect(card.indicator).toBe('info'); // 13 or over: a prompt; under 13 would be a warning (R2-30)
    const t = text(card);
    expect(t).toMatch(/safeguard/i);
    expect(t).toMatch(/alone/i);
    expect(t).toMatch(/consent/i);
    expect(t).toMatch(/coercion|abuse/i);
    expect(t).toMatch(/state reporting/i); // US: the state's reporting law (R2-30)
    // No screening under 21 is normal for her age, not a data gap.
    expect(dataGaps(body).filter((g) => /screening|cytology|Pap\b|smear/i.test(g))).toEqual([]);
    expect(ordersWith(allOrders(body), CERVICAL_TEST_ORDERS)).toEqual([]);
    expect(ordersWith(allOrders(body), CT_NG_NAAT_ORDERS).length).toBeGreaterThan(0);
    expect(ordersWith(allOrders(body), HCG_ORDERS)).toHaveLength(1);
  });

  it('Ruby, pregnant by her antenatal episode, gestation unknown: sterile speculum only, no digital or bimanual exam until dated; same/next-day pregnancy assessment', async () => {
    const body = await view('pcb-demo-pregnant-ga-unknown');
    expect(allRules(body)).toEqual(['PCB-10', 'PCB-30']);
    const exam = text(cardFor(body, 'PCB-10'));
    expect(exam).toMatch(/sterile speculum/i);
    expect(exam).toMatch(/no digital/i);
    expect(allText(body)).not.toMatch(/speculum and bimanual|bimanual exam(ination)? (visualising|and)/i);
    expect(cardFor(body, 'PCB-30').indicator).toBe('warning');
    expect(ordersWith(allOrders(body), HCG_ORDERS.slice(0, 2))).toEqual([]); // no qualitative pregnancy test: she is pregnant
  });

  it('Sara, known tubal ectopic pregnancy, bleeding with pelvic pain, stable: emergency card naming the ectopic pregnancy, reason O20.9 (treated as under 20 weeks)', async () => {
    const body = await view('pcb-demo-known-ectopic');
    expect(allRules(body)).toEqual(['PCB-10', 'PCB-31']);
    const card = cardFor(body, 'PCB-31');
    expect(card.indicator).toBe('critical');
    expect(card.summary).not.toMatch(/^IMMEDIATE/);
    expect(text(card)).toMatch(/known ectopic/i);
    const reasons = orders(card).flatMap(reasonCodings);
    expect(reasons).toEqual(expect.arrayContaining([expect.objectContaining({ system: ICD10CM, code: 'O20.9' })]));
  });

  it('Mei, cotest report concluding HSIL (62061000119107) with high-risk HPV: URGENT colposcopy naming HSIL, nothing "not recognised"', async () => {
    const body = await view('pcb-demo-hsil-report');
    expect(allRules(body)).toEqual(['PCB-10', 'PCB-16']);
    const card = cardFor(body, 'PCB-16');
    expect(card.indicator).toBe('warning');
    expect(card.summary).toMatch(/^URGENT/);
    expect(card.summary).toMatch(/HSIL/);
    expect(orderCodes(orders(card))).toContain(COLPOSCOPY);
    expect(allText(body)).not.toMatch(/not recogni[sz]ed/i);
  });

  it('Julia, CIN3 on a cervical biopsy report 25 months ago, HPV negative since: colposcopy referral for CIN2+ history, screening counted current', async () => {
    const body = await view('pcb-demo-cin3-histology');
    expect(allRules(body)).toEqual(['PCB-10', 'PCB-44']);
    const card = cardFor(body, 'PCB-44');
    expect(card.indicator).toBe('warning');
    expect(text(card)).toMatch(/CIN ?(3|III)\b|grade 3/i); // the result the referral rests on (R2-15)
    expect(orderCodes(orders(card))).toContain(COLPOSCOPY);
    expect(ordersWith(allOrders(body), CERVICAL_TEST_ORDERS)).toEqual([]);
    expect(allText(body)).not.toMatch(/not recogni[sz]ed/i);
  });

  it('Brenda, total hysterectomy with no date: vaginal-vault examination, no cervical screening, no colposcopy', async () => {
    const body = await view('pcb-demo-undated-hysterectomy');
    expect(allRules(body)).toEqual(['PCB-10', 'PCB-40']);
    expect(text(cardFor(body, 'PCB-40'))).toMatch(/vault/i);
    expect(allText(body)).not.toMatch(/bimanual/i); // no cervix or uterus: vault examination (R2-4)
    expect(dataGaps(body).filter((g) => /screening|cytology|Pap\b|smear/i.test(g))).toEqual([]);
    expect(ordersWith(allOrders(body), CERVICAL_TEST_ORDERS)).toEqual([]);
    expect(orderCodes(allOrders(body))).not.toContain(COLPOSCOPY);
    expect(ordersWith(allOrders(body), HCG_ORDERS)).toEqual([]);
  });

  it('Nadia, immune status "immunocompromised" (96381-9 = 370388006): the immunocompromised screening card, nothing "not recognised"', async () => {
    const body = await view('pcb-demo-immune-status');
    expect(allRules(body)).toEqual(['PCB-10', 'PCB-43']);
    expect(text(cardFor(body, 'PCB-43'))).toMatch(/immuno(compromised|suppress)/i);
    expect(ordersWith(allOrders(body), CERVICAL_TEST_ORDERS)).toEqual([]);
    expect(allText(body)).not.toMatch(/not recogni[sz]ed/i);
  });

  it('V47, heavy bleeding with SBP 85, pregnancy not recorded: IMMEDIATE ambulance card naming SBP 85, ectopic wording, hCG once at stat', async () => {
    const v = PUBLISHED_VIGNETTES.find((x) => x.id === 'V47');
    const body = await view(v?.patientId ?? 'missing');
    const card = cardFor(body, 'PCB-54');
    expect(card.indicator).toBe('critical');
    expect(card.summary).toMatch(/^(IMMEDIATE|EMERGENCY):/);
    expect(card.summary).toMatch(/\b85\b/);
    expect(text(card)).toMatch(/ambulance|911/i);
    expect(text(card)).toMatch(/ectopic/i);
    const hcg = ordersWith(allOrders(body), HCG_ORDERS);
    expect(hcg).toHaveLength(1);
    expect(hcg[0].priority).toBe('stat');
  });

  it('V48, chlamydia positive 3 weeks ago: no NAAT order; the work-up card gives the retest due date and re-evaluation 6–8 weeks after treatment', async () => {
    const v = PUBLISHED_VIGNETTES.find((x) => x.id === 'V48');
    const body = await view(v?.patientId ?? 'missing');
    expect(ordersWith(allOrders(body), CT_NG_NAAT_ORDERS)).toEqual([]);
    const t = text(cardFor(body, 'PCB-10'));
    expect(t).toMatch(/retest/i);
    expect(t).toMatch(/6\s*(–|-|to)\s*8 weeks/i);
    expect(t).toMatch(retestDuePattern(dateAgo(startOfUtcDay(NOW), { weeksAgo: 3 })));
  });
});

describe('revision-2 UK demo patient: the cards a clinician reads (UK mode)', () => {
  let stack: PcbTestStack;
  beforeAll(async () => {
    const v64 = PUBLISHED_VIGNETTES.filter((v) => v.id === 'V64' || v.id === 'V57').map((v) => v.bundle(NOW));
    stack = await startPcbTestStack({ today: TODAY, jurisdiction: 'UK', bundles: [demo('pcb-demo-uk-hiv').bundle(NOW), ...v64] });
  }, 60_000);
  afterAll(() => stack?.close());

  it('Abena, living with HIV, HPV-negative screening 2 years ago: annual cervical screening is due, in UK words and UK codes', async () => {
    const { status, body } = await stack.patientView('pcb-demo-uk-hiv');
    expect(status).toBe(200);
    expectReadableCards(body);
    expect(allRules(body)).toEqual(['PCB-10', 'PCB-11', 'PCB-43']);
    expect(text(cardFor(body, 'PCB-43'))).toMatch(/annual|every year|yearly|12 months/i);
    const t = allText(body);
    expect(t).toMatch(/cervical screening/i);
    expect(t).not.toMatch(/\bPap\b|\bL&D\b|\bCBC\b|\bED\b/);
    // UK mode: no ICD-10-CM reason codes (R2-14, R2-27).
    expect(
      allOrders(body)
        .flatMap(reasonCodings)
        .filter((c) => c.system === ICD10CM),
    ).toEqual([]);
  });

  it('V57, 22 weeks in the UK (R2-13, R2-27): maternity triage or labour ward in UK words, WHO ICD-10 reason without trimester digit or Z3A', async () => {
    const v = PUBLISHED_VIGNETTES.find((x) => x.id === 'V57');
    const { status, body } = await stack.patientView(v?.patientId ?? 'missing');
    expect(status).toBe(200);
    expectReadableCards(body);
    const t = text(cardFor(body, 'PCB-32'));
    expect(t).toMatch(/maternity triage|labour ward/i);
    expect(t).not.toMatch(/\bL&D\b|labor and delivery|\bED\b|\bCBC\b/);
    const reasons = allOrders(body).flatMap(reasonCodings);
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.filter((c) => c.system === ICD10CM || /^Z3A|^O46\.9\d/.test(c.code ?? ''))).toEqual([]);
  });

  it('V64, 15 in the UK: safeguarding with Fraser/Gillick competence under 16, no smear, WHO ICD-10 reason codes', async () => {
    const v = PUBLISHED_VIGNETTES.find((x) => x.id === 'V64');
    const { status, body } = await stack.patientView(v?.patientId ?? 'missing');
    expect(status).toBe(200);
    expectReadableCards(body);
    const t = text(cardFor(body, 'PCB-19'));
    expect(t).toMatch(/Fraser|Gillick/);
    expect(t).toMatch(/consent/i);
    expect(ordersWith(allOrders(body), CERVICAL_TEST_ORDERS)).toEqual([]);
    expect(allText(body)).not.toMatch(/\bPap\b|\bED\b/);
    const reasons = allOrders(body).flatMap(reasonCodings);
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.filter((c) => c.system === ICD10CM || /^Z3A/.test(c.code ?? ''))).toEqual([]);
  });
});

/** Small records for R2 items no demo patient or vignette shows, built from the same data builder. */
function fixture(patientId: string, age: number, facts: (b: PatientBundleBuilder) => PatientBundleBuilder): Bundle<FhirResource> {
  return facts(
    new PatientBundleBuilder(patientId, NOW).name('Fixture', 'Patient').born({ yearsAgo: age }).gender('female').birthSex('F'),
  ).build();
}
/** 63, postmenopausal, on warfarin (prescription only), heavy bleeding with stable observations. */
const EDNA = 'pcb-r2-edna-63-warfarin';
/** 12 years old, bleeding after sex. */
const MIA = 'pcb-r2-mia-12';
/** 26 weeks, light bleeding with pelvic pain, stable: antepartum haemorrhage tier (ii). */
const NOOR = 'pcb-r2-noor-26w-pain';

describe('revision-2 items on the published vignettes and two small records: the cards a clinician reads (US mode)', () => {
  let stack: PcbTestStack;
  const vignette = async (id: string): Promise<CdsResponse> => view(PUBLISHED_VIGNETTES.find((v) => v.id === id)?.patientId ?? 'missing');
  const view = async (patientId: string): Promise<CdsResponse> => {
    const { status, body } = await stack.patientView(patientId);
    expect(status).toBe(200);
    expectReadableCards(body);
    return body;
  };

  beforeAll(async () => {
    const ids = ['V21', 'V26', 'V29', 'V36', 'V45', 'V46'];
    stack = await startPcbTestStack({
      today: TODAY,
      bundles: [
        ...PUBLISHED_VIGNETTES.filter((v) => ids.includes(v.id)).map((v) => v.bundle(NOW)),
        fixture(EDNA, 63, (b) =>
          b
            .menopause('post', { code: '76498008' })
            .medication('anticoagulant', '11289', { yearsAgo: 2 })
            .cotest('NILM', 'negative', { yearsAgo: 2 })
            .pcbCondition()
            .heavyBleeding()
            .vitals({ systolic: 126, heartRate: 88 }),
        ),
        fixture(MIA, 12, (b) => b.pcbCondition({ weeksAgo: 1 })),
        fixture(NOOR, 28, (b) =>
          b
            .pregnancyStatus('pregnant')
            .gestationalAge({ weeks: 26 })
            .rhD('positive', { weeksAgo: 14 })
            .naat('ct-ng', 'negative', { weeksAgo: 6 })
            .pcbCondition()
            .finding('pelvic-pain', { as: 'condition' })
            .vitals({ systolic: 112, heartRate: 90 }),
        ),
        demo('pcb-demo-recent-delivery').bundle(NOW),
      ],
    });
  }, 60_000);
  afterAll(() => stack?.close());

  it('Edna, 63, postmenopausal, on warfarin, heavy stable bleeding (R2-3): INR ordered, no pregnancy test anywhere', async () => {
    const body = await view(EDNA);
    const card = cardFor(body, 'PCB-50');
    expect(orderCodes(orders(card))).toEqual(expect.arrayContaining([INR, CBC]));
    expect(ordersWith(allOrders(body), HCG_ORDERS)).toEqual([]);
    expect(allRules(body)).not.toContain('PCB-14');
  });

  it('Mia, 12 (R2-30): safeguarding is a mandatory referral, urgent, on a warning card', async () => {
    const body = await view(MIA);
    const card = cardFor(body, 'PCB-19');
    expect(card.indicator).toBe('warning');
    expect(text(card)).toMatch(/mandatory|always/i);
    expect(text(card)).toMatch(/referral|report/i);
  });

  it('Noor, 26 weeks, light bleeding with pelvic pain, stable (R2-28 tier ii): immediate obstetric assessment for possible abruption, no major-haemorrhage protocol, no crossmatch', async () => {
    const body = await view(NOOR);
    expect(allRules(body)).toEqual(['PCB-34']);
    const card = cardFor(body, 'PCB-34');
    expect(card.indicator).toBe('critical');
    expect(card.summary).toMatch(/\b26\b/);
    const t = text(card);
    expect(t).toMatch(/abruption/i);
    expect(t).toMatch(/no digital/i);
    expect(t).not.toMatch(/major[- ](obstetric )?ha?emorrhage protocol/i);
    expect(t).toMatch(/CTG|cardiotocograph|fetal monitoring/i); // 26 wk is past viabilityWeeks (22)
    expect(orderCodes(orders(card))).toEqual(expect.arrayContaining([CBC, ABO_RH, ANTIBODY_SCREEN]));
    expect(
      orders(card).filter((r) =>
        /crossmatch|cross-match/i.test(`${r.code?.text ?? ''} ${r.code?.coding?.map((c) => c.display).join(' ')}`),
      ),
    ).toEqual([]);
    expect(
      orders(card)
        .flatMap(reasonCodings)
        .map((c) => c.code),
    ).toEqual(expect.arrayContaining(['O46.92', 'Z3A.26']));
  });

  it('Fatima, delivered 4 weeks ago while the record still says pregnant (R2-15): "pregnancy ended 4 weeks ago" with the postpartum differential, not a data conflict', async () => {
    const body = await view('pcb-demo-recent-delivery');
    const t = text(cardFor(body, 'PCB-01'));
    expect(t).toMatch(/ended 4 weeks ago|4 weeks ago/i);
    expect(t).toMatch(/postpartum|lactation|breastfeeding/i);
    expect(t).not.toMatch(/conflict/i);
  });

  it('V26, continuous combined HRT for 2 years (R2-15): the card names the HRT product and how long she has taken it', async () => {
    const body = await vignette('V26');
    const t = text(cardFor(body, 'PCB-22'));
    expect(t).toMatch(/estradiol/i);
    expect(t).toMatch(/2 years|24 months/i);
  });

  it('V21, RhD negative at 30 weeks (R2-22, R2-10): URGENT anti-D within 72 h, naming 30 wk, Kleihauer or flow cytometry to dose it', async () => {
    const body = await vignette('V21');
    const card = cardFor(body, 'PCB-33');
    expect(card.indicator).toBe('warning');
    expect(card.summary).toMatch(/^URGENT/);
    expect(card.summary).toMatch(/\b30\b/);
    expect(card.summary).toMatch(/72 ?h/);
    expect(text(card)).toMatch(/Kleihauer|flow cytometry|fetomaternal/i);
  });

  it('V29, endometrium 7 mm on a scan 3 days ago (R2-8): no second scan; URGENT endometrial sampling', async () => {
    const body = await vignette('V29');
    expect(
      allOrders(body).filter((r) =>
        /ultrasound|ultrasonograph|sonograph/i.test(`${r.code?.text ?? ''} ${r.code?.coding?.map((c) => c.display).join(' ')}`),
      ),
    ).toEqual([]);
    const card = cardFor(body, 'PCB-21');
    expect(card.indicator).toBe('warning');
    expect(card.summary).toMatch(/^URGENT/);
    expect(text(card)).toMatch(/\b7 ?mm\b/);
    expect(text(card)).toMatch(/biopsy|sampling/i);
  });

  it('V36, total hysterectomy for CIN3 (R2-9): vaginal-vault assessment with vaginal colposcopy and vaginal HPV testing, never cervical colposcopy', async () => {
    const body = await vignette('V36');
    const t = text(cardFor(body, 'PCB-44'));
    expect(t).toMatch(/vault/i);
    expect(t).toMatch(/vaginal colposcopy/i);
    expect(t).toMatch(/vaginal HPV/i);
    expect(allText(body)).not.toMatch(/cervical colposcopy/i);
  });

  it('V45, fever and pelvic pain with pregnancy status unknown (R2-11): exclude ectopic pregnancy before treating as PID, hCG on that card at stat', async () => {
    const body = await vignette('V45');
    const card = cardFor(body, 'PCB-51');
    expect(text(card)).toMatch(/ectopic/i);
    const hcg = ordersWith(allOrders(body), HCG_ORDERS);
    expect(hcg).toHaveLength(1);
    expect(ordersWith(orders(card), HCG_ORDERS)).toHaveLength(1);
    expect(hcg[0].priority).toBe('stat');
  });

  it('V46, weight loss alone (R2-12): urgent examination and gynecology review, no oncology referral', async () => {
    const body = await vignette('V46');
    const card = cardFor(body, 'PCB-53');
    expect(text(card)).toMatch(/urgent/i);
    expect(text(card)).toMatch(/examination/i);
    expect(orderCodes(allOrders(body)).filter((c) => c === `${SCT}|183529009` || c === `${SCT}|310515004`)).toEqual([]);
  });
});

/** The retest date (positive result + 3 months) as a person would read it, ISO or in words. */
function retestDuePattern(positive: Date): RegExp {
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const candidates = [
    // Month arithmetic that clamps to the month's last day, and JS's overflowing Date.UTC.
    new Date(Date.UTC(positive.getUTCFullYear(), positive.getUTCMonth() + 3, 1)),
    new Date(Date.UTC(positive.getUTCFullYear(), positive.getUTCMonth() + 3, positive.getUTCDate())),
  ];
  const lastDay = new Date(Date.UTC(candidates[0].getUTCFullYear(), candidates[0].getUTCMonth() + 1, 0)).getUTCDate();
  candidates[0] = new Date(Date.UTC(candidates[0].getUTCFullYear(), candidates[0].getUTCMonth(), Math.min(positive.getUTCDate(), lastDay)));
  const forms = candidates.flatMap((d) => {
    const day = d.getUTCDate();
    const year = d.getUTCFullYear();
    const full = months[d.getUTCMonth()];
    const short = full.slice(0, 3);
    return [d.toISOString().slice(0, 10), `0?${day} (${full}|${short}) ${year}`, `(${full}|${short}) 0?${day},? ${year}`];
  });
  return new RegExp(forms.join('|'));
}
