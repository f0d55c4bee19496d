import type { GuidelineParameters, PatientRecord } from '@pcb-cds/postcoital-bleeding-facts';
import { deriveFacts, UK_PARAMETERS, US_PARAMETERS } from '@pcb-cds/postcoital-bleeding-facts';
import { chart, daysAgo, monthsAgo, TODAY, weeksAgo, yearsAgo } from '@pcb-cds/postcoital-bleeding-facts/testing';
import { evaluatePostcoitalBleeding } from '@pcb-cds/postcoital-bleeding-rules';
import type { OrderKind } from '@pcb-cds/postcoital-bleeding-terminology';
import type { DraftOrder } from './draft-order';
import type { MissingStepsScope } from './missing-steps';
import type { DraftOrderReview } from './review-draft-orders';
import { reviewDraftOrders } from './review-draft-orders';

// Charts are fact-level (no FHIR), dated relative to TODAY, like the rules' own tests.
const pregnant = (weeks?: number): Partial<PatientRecord> => ({
  pregnancyEvidence: [{ date: TODAY, kind: 'status-pregnant' }],
  gestationalAge: weeks === undefined ? [] : [{ date: TODAY, weeks }],
  rhD: [{ date: monthsAgo(1), value: 'positive' }],
});
const nilm = (date: string) => ({ date, result: 'NILM' as const });
const naatNeg = (date: string) => ({ date, organism: 'ct-ng' as const, result: 'negative' as const });
const hcgNeg = (date: string) => ({ date, kind: 'hcg-negative' as const });
const pre = { menopausalStatus: [{ date: TODAY, value: 'pre' as const, source: 'observation' as const }] };
const totalHysterectomy = { hysterectomy: [{ date: yearsAgo(10), group: 'no-cervix' as const, code: '116140006' }] };

interface Options {
  parameters?: GuidelineParameters;
  /** Indexes of the drafts spoken about (order-select selections); default all (order-sign). */
  speakTo?: number[];
  scope?: MissingStepsScope;
}

const review = (record: PatientRecord, kinds: (OrderKind | undefined)[], o: Options = {}): DraftOrderReview => {
  const parameters = o.parameters ?? US_PARAMETERS;
  const facts = deriveFacts(record, parameters);
  const drafts: DraftOrder[] = kinds.map((kind, i) => ({
    reference: `ServiceRequest/d${i}`,
    ...(kind ? { kind } : {}),
    display: kind ?? 'Amoxicillin',
  }));
  return reviewDraftOrders({
    facts,
    parameters,
    recommendations: evaluatePostcoitalBleeding(facts, parameters),
    drafts,
    speakTo: o.speakTo ? o.speakTo.map((i) => drafts[i]) : drafts,
    missingSteps: o.scope ?? 'every-missing-order',
  });
};

/** A verdict as one comparable line: draft kind, verdict, rules, replacement kinds. */
const verdictsOf = (r: DraftOrderReview): string[] =>
  r.verdicts.map(
    (v) =>
      `${v.draft.kind} ${v.verdict} ${v.ruleIds.join('+')}${v.replacement.length ? ` → ${v.replacement.map((o) => o.kind).join('+')}` : ''}`,
  );
/** Missing steps as "rule: order kinds". */
const missingOf = (r: DraftOrderReview): string[] => r.missing.map((m) => `${m.ruleId}: ${m.orders.map((o) => o.kind).join('+')}`);

describe('draft orders the guideline advises against (warning, delete + replacement)', () => {
  it.each<[string, PatientRecord, OrderKind[], string[], Options?]>([
    [
      'pregnant 10 wk + ECC, nothing calls for colposcopy → ECC removed, no colposcopy offered (R2-14)',
      chart(29, pregnant(10)),
      ['endocervical-curettage'],
      ['endocervical-curettage advised-against PCB-16'],
    ],
    [
      'pregnant 10 wk with HSIL + ECC → colposcopy without ECC (PCB-16 asks for it)',
      chart(29, { ...pregnant(10), cytology: [{ date: monthsAgo(2), result: 'HSIL' }] }),
      ['endocervical-curettage'],
      ['endocervical-curettage advised-against PCB-16 → colposcopy'],
    ],
    [
      'known placenta praevia at 18 wk + bimanual exam → never a digital exam (R2-17)',
      chart(31, { ...pregnant(18), placentaPraevia: [{ date: weeksAgo(2), display: 'Placenta praevia' }] }),
      ['bimanual-pelvic-examination'],
      ['bimanual-pelvic-examination advised-against PCB-32'],
    ],
    [
      '32 wk with heavy bleeding (PCB-34) + bimanual exam → removed; the emergency card carries the orders',
      chart(31, { ...pregnant(32), symptoms: [{ date: TODAY, kind: 'heavy-bleeding' }] }),
      ['bimanual-pelvic-examination'],
      ['bimanual-pelvic-examination advised-against PCB-34'],
    ],
    [
      '32 wk with heavy bleeding (PCB-34) + endometrial biopsy → removed, no second assessment order',
      chart(31, { ...pregnant(32), symptoms: [{ date: TODAY, kind: 'heavy-bleeding' }] }),
      ['endometrial-biopsy'],
      ['endometrial-biopsy advised-against PCB-16+PCB-34'],
    ],
    [
      'pregnant 10 wk + endometrial biopsy → obstetric assessment',
      chart(29, pregnant(10)),
      ['endometrial-biopsy'],
      ['endometrial-biopsy advised-against PCB-16+PCB-30 → obstetrics-referral'],
    ],
    [
      'pregnant 8 wk with heavy bleeding + endometrial biopsy → emergency referral',
      chart(29, { ...pregnant(8), symptoms: [{ date: TODAY, kind: 'heavy-bleeding' }] }),
      ['endometrial-biopsy'],
      ['endometrial-biopsy advised-against PCB-16+PCB-31 → emergency-referral'],
    ],
    [
      'pregnant 30 wk + bimanual exam → obstetric ultrasound first',
      chart(31, pregnant(30)),
      ['bimanual-pelvic-examination'],
      ['bimanual-pelvic-examination advised-against PCB-32 → obstetric-ultrasound'],
    ],
    [
      'pregnant 20 wk (boundary) + bimanual exam',
      chart(31, pregnant(20)),
      ['bimanual-pelvic-examination'],
      ['bimanual-pelvic-examination advised-against PCB-32 → obstetric-ultrasound'],
    ],
    [
      'pregnant, gestation unknown + bimanual exam → date the pregnancy first',
      chart(31, pregnant()),
      ['bimanual-pelvic-examination'],
      ['bimanual-pelvic-examination advised-against PCB-30 → obstetric-ultrasound'],
    ],
    [
      '19 y + cytology → no cytology under 21, NAAT instead',
      chart(19),
      ['cervical-cytology'],
      ['cervical-cytology advised-against PCB-12 → ct-ng-naat'],
    ],
    [
      'UK 23 y + HPV sample → no screening under 25',
      chart(23),
      ['hpv-test'],
      ['hpv-test advised-against PCB-12 → ct-ng-naat'],
      { parameters: UK_PARAMETERS },
    ],
    [
      '19 y with a negative NAAT last month + cytology → delete only (NAAT not needed)',
      chart(19, { stiTests: [naatNeg(monthsAgo(1))] }),
      ['cervical-cytology'],
      ['cervical-cytology advised-against PCB-12'],
    ],
    ['26 y US + hrHPV → cytology alone under 30', chart(26), ['hpv-test'], ['hpv-test advised-against PCB-11 → cervical-cytology']],
    [
      '26 y US, HPV and cytology both drafted → delete the HPV only',
      chart(26),
      ['hpv-test', 'cervical-cytology'],
      ['hpv-test advised-against PCB-11'],
    ],
    [
      'HSIL 3 months ago, no colposcopy + repeat cytology → colposcopy',
      chart(29, { cytology: [{ date: monthsAgo(3), result: 'HSIL' }] }),
      ['cervical-cytology'],
      ['cervical-cytology advised-against PCB-16 → colposcopy'],
    ],
  ])('%s', (...[, record, drafts, expected, options]) => {
    expect(verdictsOf(review(record, drafts, options))).toEqual(expected);
  });

  it('not pregnant: ECC, endometrial biopsy and a bimanual exam are not flagged', () => {
    expect(review(chart(45, pre), ['endocervical-curettage', 'endometrial-biopsy', 'bimanual-pelvic-examination']).verdicts).toEqual([]);
  });

  it('pregnant 19 weeks (boundary): a bimanual exam is not flagged', () => {
    expect(review(chart(31, pregnant(19)), ['bimanual-pelvic-examination']).verdicts).toEqual([]);
  });

  it('after CIN2+ an HPV-based test under 30 is surveillance, not flagged', () => {
    const record = chart(27, { cervicalHistory: [{ date: yearsAgo(2), kind: 'cin2-plus', code: '285838002' }] });
    expect(verdictsOf(review(record, ['hpv-test']))).toEqual([]);
  });

  it('an antepartum-haemorrhage emergency: the bimanual verdict is as urgent as the emergency and never says "ultrasound first"', () => {
    const [v] = review(chart(31, { ...pregnant(32), symptoms: [{ date: TODAY, kind: 'heavy-bleeding' }] }), [
      'bimanual-pelvic-examination',
    ]).verdicts;
    expect(v.urgency).toBe('immediate');
    expect(v.emergency?.ruleId).toBe('PCB-34');
    expect(v.advice).toContain('ultrasound must not delay resuscitation or delivery');
    expect(v.advice).not.toContain('first');
    expect(v.replacement).toEqual([]);
  });

  it('8 weeks, heavy bleeding with SBP 80 (PCB-31 unstable, immediate) + endometrial biopsy: immediate too, the emergency card keeps its orders', () => {
    const record = chart(29, {
      ...pregnant(8),
      symptoms: [{ date: TODAY, kind: 'heavy-bleeding' }],
      vitals: [{ date: TODAY, kind: 'systolic', value: 80 }],
    });
    const [v] = review(record, ['endometrial-biopsy']).verdicts;
    expect(v).toMatchObject({
      concern: 'endometrial-sampling-in-pregnancy',
      ruleIds: ['PCB-16', 'PCB-31'],
      urgency: 'immediate',
      replacement: [],
    });
    expect(v.advice).toContain(v.emergency?.summary);
  });

  it('known praevia: the verdict names the praevia record and its date', () => {
    const [v] = review(chart(31, { ...pregnant(18), placentaPraevia: [{ date: weeksAgo(2), display: 'Placenta praevia' }] }), [
      'bimanual-pelvic-examination',
    ]).verdicts;
    expect(v).toMatchObject({ concern: 'digital-exam-known-praevia', urgency: 'soon' });
    expect(v.advice).toContain('at any gestation');
    expect(v.because).toContainEqual({ label: 'Placenta previa', value: 'Placenta praevia', date: weeksAgo(2) });
  });

  it('the verdict carries the advice and the dated facts it rests on', () => {
    const [v] = review(chart(31, pregnant(30)), ['bimanual-pelvic-examination']).verdicts;
    expect(v.urgency).toBe('soon');
    expect(v.advice).toContain('No digital vaginal or bimanual examination at 30 weeks');
    expect(v.because[0]).toMatchObject({ label: 'Pregnancy', date: TODAY });
    expect(v.replacement[0]).toMatchObject({ kind: 'obstetric-ultrasound', priority: 'stat' });
  });
});

describe('redundant draft orders (info, delete)', () => {
  it.each<[string, PatientRecord, OrderKind[], string[], Options?]>([
    [
      'cytology 4 months ago NILM at 35 + cytology → screening current',
      chart(35, { cytology: [nilm(monthsAgo(4))] }),
      ['cervical-cytology'],
      ['cervical-cytology redundant PCB-11'],
    ],
    ['negative NAAT 1 month ago + NAAT', chart(35, { stiTests: [naatNeg(monthsAgo(1))] }), ['ct-ng-naat'], ['ct-ng-naat redundant PCB-13']],
    [
      'negative hCG 2 days ago + urine hCG',
      chart(30, { ...pre, pregnancyEvidence: [hcgNeg(daysAgo(2))] }),
      ['urine-hcg'],
      ['urine-hcg redundant PCB-14'],
    ],
    ['pregnant 10 wk + urine hCG', chart(29, pregnant(10)), ['urine-hcg'], ['urine-hcg redundant PCB-14']],
    ['total hysterectomy + cytology', chart(52, totalHysterectomy), ['cervical-cytology'], ['cervical-cytology redundant PCB-40']],
    ['total hysterectomy + urine hCG', chart(45, totalHysterectomy), ['urine-hcg'], ['urine-hcg redundant PCB-40']],
    [
      '68 y adequately screened out + cytology',
      chart(68, { cytology: [nilm(yearsAgo(1)), nilm(yearsAgo(4)), nilm(yearsAgo(7))] }),
      ['cervical-cytology'],
      ['cervical-cytology redundant PCB-42'],
    ],
    [
      'UK 40 y, HPV negative 1 year ago + HPV sample',
      chart(40, { hpv: [{ date: yearsAgo(1), result: 'negative' }] }),
      ['hpv-test'],
      ['hpv-test redundant PCB-11'],
      { parameters: UK_PARAMETERS },
    ],
    [
      'negative hCG 2 days ago, heavy bleeding + quantitative hCG → not needed either (R2-3)',
      chart(30, { ...pre, pregnancyEvidence: [hcgNeg(daysAgo(2))], symptoms: [{ date: TODAY, kind: 'heavy-bleeding' }] }),
      ['serum-quantitative-hcg'],
      ['serum-quantitative-hcg redundant PCB-14'],
    ],
    [
      '63 y postmenopausal + urine hCG → not indicated (R2-3)',
      chart(63, { menopausalStatus: [{ date: TODAY, value: 'post', source: 'observation' }] }),
      ['urine-hcg'],
      ['urine-hcg redundant PCB-14'],
    ],
    [
      '63 y postmenopausal on warfarin, heavy bleeding and SBP 85 (PCB-54) + quantitative hCG → not indicated; no hCG on the emergency card either',
      chart(63, {
        menopausalStatus: [{ date: TODAY, value: 'post', source: 'observation' }],
        symptoms: [{ date: TODAY, kind: 'heavy-bleeding' }],
        vitals: [{ date: TODAY, kind: 'systolic', value: 85 }],
        risks: [{ date: yearsAgo(1), kind: 'anticoagulant', drugClass: 'vitamin-k-antagonist' }],
      }),
      ['serum-quantitative-hcg'],
      ['serum-quantitative-hcg redundant PCB-14'],
    ],
    [
      'NAAT already active, PCB-13 asks for one + NAAT draft → duplicate',
      chart(35, { activeOrders: [{ date: daysAgo(3), kind: 'ct-ng-naat' }] }),
      ['ct-ng-naat'],
      ['ct-ng-naat redundant PCB-13'],
    ],
  ])('%s', (...[, record, drafts, expected, options]) => {
    expect(verdictsOf(review(record, drafts, options))).toEqual(expected);
  });

  it.each<[string, PatientRecord, OrderKind[], GuidelineParameters?]>([
    [
      'total hysterectomy for CIN3: vaginal HPV-based testing continues',
      chart(50, { ...totalHysterectomy, cervicalHistory: [{ date: yearsAgo(8), kind: 'cin2-plus', code: '252991009' }] }),
      ['hpv-test'],
    ],
    [
      'screening current but diagnostic cytology is configured (PCB-11 asks for it)',
      chart(35, { cytology: [nilm(monthsAgo(4))] }),
      ['cervical-cytology'],
      { ...US_PARAMETERS, diagnosticCytologyWhenNotDue: true },
    ],
    [
      '34 y, heavy bleeding and SBP 85 (PCB-54): the hCG the emergency asks for',
      chart(34, { symptoms: [{ date: TODAY, kind: 'heavy-bleeding' }], vitals: [{ date: TODAY, kind: 'systolic', value: 85 }] }),
      ['urine-hcg'],
    ],
    [
      'negative NAAT 1 month ago but a new partner since',
      chart(35, { stiTests: [naatNeg(monthsAgo(1))], newSexualPartner: [{ date: weeksAgo(1), value: true }] }),
      ['ct-ng-naat'],
    ],
  ])('not redundant: %s', (...[, record, drafts, parameters]) => {
    expect(review(record, drafts, { parameters }).verdicts).toEqual([]);
  });

  it('the duplicate names the date of the order on the chart', () => {
    const [v] = review(chart(35, { activeOrders: [{ date: daysAgo(3), kind: 'ct-ng-naat' }] }), ['ct-ng-naat']).verdicts;
    expect(v).toMatchObject({ concern: 'already-ordered', replacement: [] });
    expect(v.because).toEqual([{ label: 'Already ordered', value: 'ct-ng-naat', date: daysAgo(3) }]);
  });
});

describe('guideline steps missing from the draft orders', () => {
  it.each<[string, PatientRecord, OrderKind[], string[], Options?]>([
    [
      '28 y, no screening, drafts only cytology → hCG and NAAT',
      chart(28),
      ['cervical-cytology'],
      ['PCB-13: ct-ng-naat', 'PCB-14: urine-hcg'],
    ],
    [
      '28 y, the draft already covers the NAAT → no NAAT suggestion',
      chart(28),
      ['ct-ng-naat'],
      ['PCB-11: cervical-cytology', 'PCB-14: urine-hcg'],
    ],
    [
      'a quantitative serum hCG covers the pregnancy test',
      chart(28),
      ['serum-quantitative-hcg', 'cervical-cytology'],
      ['PCB-13: ct-ng-naat'],
    ],
    [
      'an order on the chart covers the step',
      chart(28, { activeOrders: [{ date: daysAgo(1), kind: 'urine-hcg' }] }),
      ['cervical-cytology'],
      ['PCB-13: ct-ng-naat'],
    ],
    [
      '35 y: cytology drafted, hrHPV cotest still missing',
      chart(35),
      ['cervical-cytology', 'ct-ng-naat', 'urine-hcg'],
      ['PCB-11: hpv-test'],
    ],
    [
      'postmenopausal: ultrasound OR biopsy, one drafted covers PCB-20',
      chart(58, {
        menopausalStatus: [{ date: TODAY, value: 'post', source: 'observation' }],
        cytology: [nilm(yearsAgo(1))],
        stiTests: [naatNeg(monthsAgo(1))],
      }),
      ['transvaginal-ultrasound'],
      [],
    ],
    [
      '30 wk + bimanual: the ultrasound is on the warning card, the L&D referral still missing',
      chart(31, pregnant(30)),
      ['bimanual-pelvic-examination'],
      ['PCB-13: ct-ng-naat', 'PCB-32: obstetrics-referral'],
    ],
    ['19 y + cytology: NAAT is the replacement, hCG still missing', chart(19), ['cervical-cytology'], ['PCB-14: urine-hcg']],
    [
      'discharge: CT/NG drafted, T. vaginalis NAAT still missing',
      chart(35, { cytology: [nilm(yearsAgo(1))], symptoms: [{ date: TODAY, kind: 'discharge' }], pregnancyEvidence: [hcgNeg(daysAgo(1))] }),
      ['ct-ng-naat'],
      ['PCB-13: trichomonas-naat', 'PCB-52: trichomonas-naat'],
    ],
  ])('%s', (...[, record, drafts, expected, options]) => {
    expect(missingOf(review(record, drafts, options))).toEqual(expected);
  });

  it('rules without orders (history, examination advice) are not repeated', () => {
    const r = review(chart(28), ['cervical-cytology']);
    expect(r.missing.map((m) => m.ruleId)).not.toContain('PCB-10');
    expect(r.missing.map((m) => m.ruleId)).not.toContain('PCB-03');
  });
});

describe('order-sign scope: only rules nothing in the signing set addresses', () => {
  it.each<[string, PatientRecord, OrderKind[], string[], string[]]>([
    [
      'pregnant 10 wk, ultrasound signed without the referral (urgent PCB-30)',
      chart(29, { ...pregnant(10), cytology: [nilm(yearsAgo(1))], stiTests: [naatNeg(monthsAgo(1))] }),
      ['obstetric-ultrasound'],
      ['PCB-30: obstetrics-referral'],
      [],
    ],
    [
      'pregnant 30 wk, ultrasound signed without the L&D referral (emergency PCB-32)',
      chart(31, { ...pregnant(30), stiTests: [naatNeg(monthsAgo(1))] }),
      ['obstetric-ultrasound'],
      ['PCB-32: obstetrics-referral'],
      ['PCB-32: obstetrics-referral'],
    ],
    [
      'discharge: CT/NG signed, T. vaginalis only from PCB-52 (PCB-13 addressed)',
      chart(35, { cytology: [nilm(yearsAgo(1))], symptoms: [{ date: TODAY, kind: 'discharge' }], pregnancyEvidence: [hcgNeg(daysAgo(1))] }),
      ['ct-ng-naat'],
      ['PCB-13: trichomonas-naat', 'PCB-52: trichomonas-naat'],
      ['PCB-52: trichomonas-naat'],
    ],
    [
      '32 wk heavy bleeding (PCB-34, immediate), CBC signed: the emergency orders are still repeated at signing',
      chart(31, { ...pregnant(32), symptoms: [{ date: TODAY, kind: 'heavy-bleeding' }], stiTests: [naatNeg(monthsAgo(1))] }),
      ['cbc'],
      ['PCB-34: emergency-referral+abo-rh-group+antibody-screen+crossmatch+coagulation-screen-with-fibrinogen+obstetric-ultrasound'],
      ['PCB-34: emergency-referral+abo-rh-group+antibody-screen+crossmatch+coagulation-screen-with-fibrinogen+obstetric-ultrasound'],
    ],
    [
      '28 y, cytology signed: hCG and NAAT untouched',
      chart(28),
      ['cervical-cytology'],
      ['PCB-13: ct-ng-naat', 'PCB-14: urine-hcg'],
      ['PCB-13: ct-ng-naat', 'PCB-14: urine-hcg'],
    ],
  ])('%s', (_name, record, drafts, onSelect, onSign) => {
    expect(missingOf(review(record, drafts, { scope: 'every-missing-order' }))).toEqual(onSelect);
    expect(missingOf(review(record, drafts, { scope: 'untouched-rules' }))).toEqual(onSign);
  });
});

describe('when the order hooks stay silent', () => {
  it.each<[string, PatientRecord, (OrderKind | undefined)[], Options?]>([
    [
      'gate closed: no PCB in the look-back',
      chart(29, { ...pregnant(10), pcb: [{ date: monthsAgo(8), source: 'condition' }] }),
      ['endocervical-curettage'],
    ],
    ['gate closed: male, no female tract', chart(40, { administrativeGender: 'male' }), ['cervical-cytology']],
    ['no guideline order in the drafts (an antibiotic)', chart(19), [undefined]],
    ['order-select: only the antibiotic is selected', chart(19), ['cervical-cytology', undefined], { speakTo: [1] }],
  ])('%s → nothing', (...[, record, drafts, options]) => {
    expect(review(record, drafts, options)).toEqual({ verdicts: [], missing: [] });
  });

  it('order-select speaks to the selection only; the other drafts still cover the work-up', () => {
    const r = review(chart(19), ['cervical-cytology', 'ct-ng-naat'], { speakTo: [1] });
    expect(r.verdicts).toEqual([]);
    expect(missingOf(r)).toEqual(['PCB-14: urine-hcg']);
  });

  it('a replacement is not offered when another draft already has it', () => {
    expect(verdictsOf(review(chart(19), ['cervical-cytology', 'ct-ng-naat']))).toEqual(['cervical-cytology advised-against PCB-12']);
  });

  it('a replacement is offered once, on the first draft that needs it', () => {
    expect(verdictsOf(review(chart(19), ['cervical-cytology', 'hpv-test']))).toEqual([
      'cervical-cytology advised-against PCB-12 → ct-ng-naat',
      'hpv-test advised-against PCB-12',
    ]);
  });
});
