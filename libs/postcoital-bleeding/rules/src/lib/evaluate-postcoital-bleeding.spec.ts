import type { GuidelineParameters, PatientRecord } from '@pcb-cds/postcoital-bleeding-facts';
import { deriveFacts, UK_PARAMETERS, US_PARAMETERS } from '@pcb-cds/postcoital-bleeding-facts';
import { chart, daysAgo, monthsAgo, TODAY, weeksAgo, yearsAgo } from '@pcb-cds/postcoital-bleeding-facts/testing';
import { evaluatePostcoitalBleeding, RULES } from './evaluate-postcoital-bleeding';

/** The rules that fire; also checks each emits only the urgencies it declares (docs/clinical-logic.md). */
const fired = (record: PatientRecord, p: GuidelineParameters = US_PARAMETERS): string[] => {
  const recommendations = evaluatePostcoitalBleeding(deriveFacts(record, p), p);
  for (const r of recommendations) {
    expect(RULES.find((rule) => rule.id === r.ruleId)?.urgencies).toContain(r.urgency);
  }
  return recommendations.map((r) => r.ruleId).sort();
};

const nilm = (date: string) => ({ date, result: 'NILM' as const });
const hpvNeg = (date: string) => ({ date, result: 'negative' as const });
const naatNeg = (date: string) => ({ date, organism: 'ct-ng' as const, result: 'negative' as const });
const hcgNeg = (date: string) => ({ date, kind: 'hcg-negative' as const });
const pre = { menopausalStatus: [{ date: TODAY, value: 'pre' as const, source: 'observation' as const }] };
const post = { menopausalStatus: [{ date: TODAY, value: 'post' as const, source: 'observation' as const }] };
const pregnant = (weeks: number) => ({
  pregnancyEvidence: [{ date: TODAY, kind: 'status-pregnant' as const }],
  gestationalAge: [{ date: TODAY, weeks }],
});
const rh = (value: 'negative' | 'positive') => ({ rhD: [{ date: monthsAgo(1), value }] });

// The published vignettes of pcb-guideline.md §5, as charts (facts level, no FHIR), with §5 defaults.
describe('published vignettes, rule level', () => {
  it.each<[string, PatientRecord, string[], GuidelineParameters?]>([
    [
      'V01 28 F, NILM 1 y, no NAAT',
      chart(28, { cytology: [nilm(yearsAgo(1))], lastMenstrualPeriod: [{ date: TODAY, value: weeksAgo(2) }] }),
      ['PCB-10', 'PCB-13', 'PCB-14'],
    ],
    [
      'V02 32 F, cotest neg 2 y, NAAT neg 2 mo, hCG neg 3 d',
      chart(32, {
        cytology: [nilm(yearsAgo(2))],
        hpv: [hpvNeg(yearsAgo(2))],
        stiTests: [naatNeg(monthsAgo(2))],
        pregnancyEvidence: [hcgNeg(daysAgo(3))],
      }),
      ['PCB-10'],
    ],
    ['V04 19 F, no screening, no NAAT', chart(19), ['PCB-10', 'PCB-12', 'PCB-13', 'PCB-14']],
    ['V06 35 F, no results anywhere', chart(35), ['PCB-03', 'PCB-10', 'PCB-11', 'PCB-13', 'PCB-14']],
    [
      'V07 45 F pre, PCB 8 wk, NILM 4 y, NAAT neg 1 mo',
      chart(45, {
        ...pre,
        pcb: [{ date: weeksAgo(8), source: 'condition' }],
        cytology: [nilm(yearsAgo(4))],
        stiTests: [naatNeg(monthsAgo(1))],
      }),
      ['PCB-10', 'PCB-11', 'PCB-14', 'PCB-15'],
    ],
    [
      'V08 30 F, PCB 7 wk, tests negative',
      chart(30, {
        pcb: [{ date: weeksAgo(7), source: 'condition' }],
        stiTests: [naatNeg(monthsAgo(1))],
        cytology: [nilm(yearsAgo(1))],
        hpv: [hpvNeg(yearsAgo(1))],
        pregnancyEvidence: [hcgNeg(daysAgo(2))],
      }),
      ['PCB-10', 'PCB-15'],
    ],
    [
      'V09 30 F, PCB 5 wk',
      chart(30, {
        pcb: [{ date: weeksAgo(5), source: 'condition' }],
        stiTests: [naatNeg(monthsAgo(1))],
        cytology: [nilm(yearsAgo(1))],
        hpv: [hpvNeg(yearsAgo(1))],
        pregnancyEvidence: [hcgNeg(daysAgo(2))],
      }),
      ['PCB-10'],
    ],
    [
      'V11 29 F, HSIL 3 mo, no colposcopy',
      chart(29, { cytology: [{ date: monthsAgo(3), result: 'HSIL' }] }),
      ['PCB-10', 'PCB-13', 'PCB-14', 'PCB-16'],
    ],
    ['V14 40 M', chart(40, { administrativeGender: 'male' }), []],
    ['V15 no PCB', chart(27, { pcb: [] }), []],
    [
      'V17 pregnant 8 wk, RhD pos, NILM 1 y, NAAT neg 1 mo',
      chart(29, { ...pregnant(8), ...rh('positive'), cytology: [nilm(yearsAgo(1))], stiTests: [naatNeg(monthsAgo(1))] }),
      ['PCB-10', 'PCB-30'],
    ],
    [
      'V19 pregnant 8 wk, heavy + pain, RhD unknown',
      chart(30, {
        ...pregnant(8),
        cytology: [nilm(yearsAgo(1))],
        stiTests: [naatNeg(monthsAgo(1))],
        symptoms: [
          { date: TODAY, kind: 'heavy-bleeding' },
          { date: TODAY, kind: 'pelvic-pain' },
        ],
      }),
      ['PCB-10', 'PCB-31', 'PCB-33'],
    ],
    [
      'V20 pregnant 30 wk, RhD pos',
      chart(31, { ...pregnant(30), ...rh('positive'), cytology: [nilm(yearsAgo(1))], stiTests: [naatNeg(weeksAgo(2))] }),
      ['PCB-32'],
    ],
    [
      'V21 22 F pregnant 30 wk, RhD neg, no NAAT',
      chart(22, { ...pregnant(30), ...rh('negative'), cytology: [nilm(yearsAgo(1))] }),
      ['PCB-13', 'PCB-32', 'PCB-33'],
    ],
    [
      'V25 58 F post, cotest neg 3 y',
      chart(58, { ...post, cytology: [nilm(yearsAgo(3))], hpv: [hpvNeg(yearsAgo(3))] }),
      ['PCB-10', 'PCB-20'],
    ],
    [
      'V29 57 F post, ET 7 mm 3 days ago',
      chart(57, {
        ...post,
        cytology: [nilm(yearsAgo(2))],
        hpv: [hpvNeg(yearsAgo(2))],
        endometrialThicknessMm: [{ date: daysAgo(3), value: 7 }],
      }),
      ['PCB-10', 'PCB-21'],
    ],
    [
      'V31 48 F unknown menopause + IMB',
      chart(48, { cytology: [nilm(yearsAgo(2))], symptoms: [{ date: weeksAgo(2), kind: 'intermenstrual-bleeding' }] }),
      ['PCB-02', 'PCB-10', 'PCB-13', 'PCB-14', 'PCB-25'],
    ],
    ['V34 70 F post, no results', chart(70, post), ['PCB-03', 'PCB-10', 'PCB-11', 'PCB-20']],
    [
      'V35 52 F total hysterectomy',
      chart(52, { hysterectomy: [{ date: yearsAgo(10), group: 'no-cervix', code: '116140006' }] }),
      ['PCB-10', 'PCB-13', 'PCB-40'],
    ],
    [
      'V36 50 F hysterectomy for CIN3',
      chart(50, {
        hysterectomy: [{ date: yearsAgo(8), group: 'no-cervix', code: '116140006' }],
        cervicalHistory: [{ date: yearsAgo(8), kind: 'cin2-plus', code: '252991009' }],
      }),
      ['PCB-10', 'PCB-13', 'PCB-40', 'PCB-44'],
    ],
    [
      'V39 34 F HIV, NILM 2 y',
      chart(34, { cytology: [nilm(yearsAgo(2))], risks: [{ date: yearsAgo(5), kind: 'hiv' }] }),
      ['PCB-10', 'PCB-11', 'PCB-13', 'PCB-14', 'PCB-43'],
    ],
    [
      'V43 50 F apixaban',
      chart(50, {
        lastMenstrualPeriod: [{ date: TODAY, value: weeksAgo(2) }],
        cytology: [nilm(yearsAgo(2))],
        hpv: [hpvNeg(yearsAgo(2))],
        risks: [{ date: yearsAgo(1), kind: 'anticoagulant' }],
      }),
      ['PCB-10', 'PCB-13', 'PCB-14', 'PCB-45'],
    ],
    [
      'V45 fever, pain, discharge, new partner',
      chart(28, {
        cytology: [nilm(yearsAgo(1))],
        newSexualPartner: [{ date: weeksAgo(3), value: true }],
        symptoms: [
          { date: TODAY, kind: 'fever' },
          { date: TODAY, kind: 'pelvic-pain' },
          { date: TODAY, kind: 'discharge' },
        ],
      }),
      ['PCB-10', 'PCB-13', 'PCB-14', 'PCB-51', 'PCB-52'],
    ],
    [
      'V47 heavy, SBP 85',
      chart(30, {
        cytology: [nilm(yearsAgo(1))],
        symptoms: [{ date: TODAY, kind: 'heavy-bleeding' }],
        vitals: [{ date: TODAY, kind: 'systolic', value: 85 }],
      }),
      ['PCB-10', 'PCB-13', 'PCB-14', 'PCB-54'],
    ],
    [
      'V48 chlamydia positive 3 wk, PCB 7 wk',
      chart(27, {
        pcb: [{ date: weeksAgo(7), source: 'condition' }],
        stiTests: [{ date: weeksAgo(3), organism: 'chlamydia', result: 'positive' }],
        cytology: [nilm(yearsAgo(1))],
        pregnancyEvidence: [hcgNeg(daysAgo(2))],
      }),
      ['PCB-10'],
    ],
    ['V50 PCB 8 months ago', chart(34, { pcb: [{ date: monthsAgo(8), source: 'condition' }] }), []],
    ['V51 US 23 F, no screening', chart(23), ['PCB-03', 'PCB-10', 'PCB-11', 'PCB-13', 'PCB-14']],
    ['V52 UK 23 F, no screening', chart(23), ['PCB-10', 'PCB-12', 'PCB-13', 'PCB-14'], UK_PARAMETERS],
    [
      'V54 UK 68 F post, screened out',
      chart(68, { ...post, cytology: [nilm(yearsAgo(4)), nilm(yearsAgo(7)), nilm(yearsAgo(9))] }),
      ['PCB-10', 'PCB-13', 'PCB-20', 'PCB-42'],
      UK_PARAMETERS,
    ],
    [
      'V55 UK 40 F, HPV neg 4 y',
      chart(40, { ...pre, hpv: [hpvNeg(yearsAgo(4))], stiTests: [naatNeg(monthsAgo(1))], pregnancyEvidence: [hcgNeg(daysAgo(2))] }),
      ['PCB-10', 'PCB-11'],
      UK_PARAMETERS,
    ],
    [
      'V57 UK pregnant 22 wk',
      chart(27, { ...pregnant(22), ...rh('positive'), cytology: [nilm(yearsAgo(1))], stiTests: [naatNeg(monthsAgo(1))] }),
      ['PCB-32'],
      UK_PARAMETERS,
    ],
    [
      'V59 cervical polyp',
      chart(41, {
        ...pre,
        findings: [{ date: TODAY, kind: 'cervical-polyp' }],
        cytology: [nilm(yearsAgo(1))],
        hpv: [hpvNeg(yearsAgo(1))],
        stiTests: [naatNeg(monthsAgo(1))],
        pregnancyEvidence: [hcgNeg(daysAgo(2))],
      }),
      ['PCB-10', 'PCB-18'],
    ],
    ['V61 23 F LSIL 6 mo', chart(23, { cytology: [{ date: monthsAgo(6), result: 'LSIL' }] }), ['PCB-10', 'PCB-13', 'PCB-14']],
    [
      'V63 UK 34 F HIV, NILM 2 y, NAAT neg 1 mo, hCG neg',
      chart(34, {
        cytology: [nilm(yearsAgo(2))],
        stiTests: [naatNeg(monthsAgo(1))],
        pregnancyEvidence: [hcgNeg(daysAgo(2))],
        risks: [{ date: yearsAgo(5), kind: 'hiv' }],
      }),
      ['PCB-10', 'PCB-11', 'PCB-43'],
      UK_PARAMETERS,
    ],
    [
      'V64 UK 15 F, LMP 2 wk, no NAAT',
      chart(15, { lastMenstrualPeriod: [{ date: TODAY, value: weeksAgo(2) }] }),
      ['PCB-10', 'PCB-12', 'PCB-13', 'PCB-14', 'PCB-19'],
      UK_PARAMETERS,
    ],
    [
      'V74 pregnant 10 wk, CT positive 2 wk ago',
      chart(29, {
        ...pregnant(10),
        ...rh('positive'),
        cytology: [nilm(yearsAgo(1))],
        stiTests: [{ date: weeksAgo(2), organism: 'chlamydia', result: 'positive' }],
      }),
      ['PCB-10', 'PCB-30'],
    ],
    [
      'V75 60 F post, ET 3 mm 60 d ago before the episode',
      chart(60, {
        ...post,
        cytology: [nilm(yearsAgo(2))],
        hpv: [hpvNeg(yearsAgo(2))],
        endometrialThicknessMm: [{ date: daysAgo(60), value: 3 }],
      }),
      ['PCB-10', 'PCB-20'],
    ],
    [
      'V78 SBP 85 and HR 124 three months ago',
      chart(30, {
        lastMenstrualPeriod: [{ date: TODAY, value: weeksAgo(2) }],
        cytology: [nilm(yearsAgo(1))],
        vitals: [
          { date: monthsAgo(3), kind: 'systolic', value: 85 },
          { date: monthsAgo(3), kind: 'heart-rate', value: 124 },
        ],
      }),
      ['PCB-10', 'PCB-13', 'PCB-14'],
    ],
    // rest parameter: a fourth declared parameter would make Jest treat it as a done-callback
  ])('%s', (_name, record, expected, ...mode) => {
    expect(fired(record, mode[0])).toEqual(expected);
  });
});

// Boundaries named in the guideline issue: each pair differs in one fact by one unit.
describe('boundaries', () => {
  const screenedAt = (age: number) =>
    chart(age, {
      ...pre,
      cytology: [nilm(yearsAgo(1))],
      hpv: [hpvNeg(yearsAgo(1))],
      stiTests: [naatNeg(monthsAgo(1))],
      pregnancyEvidence: [hcgNeg(daysAgo(1))],
    });
  it.each([
    ['age 20 → PCB-12 (no cytology)', chart(20), 'PCB-12', true],
    ['age 21 → no PCB-12', chart(21), 'PCB-12', false],
    ['age 21 → PCB-11 with no screening', chart(21), 'PCB-11', true],
    ['age 24 → NAAT for age', chart(24, { stiTests: [{ date: monthsAgo(6), organism: 'ct-ng', result: 'negative' }] }), 'PCB-13', true],
    [
      'age 25 → no NAAT for age alone',
      chart(25, { stiTests: [{ date: monthsAgo(6), organism: 'ct-ng', result: 'negative' }] }),
      'PCB-13',
      false,
    ],
    ['persistence 5 weeks at 30 → no referral', chart(30, { pcb: [{ date: daysAgo(41), source: 'condition' }] }), 'PCB-15', false],
    ['persistence 6 weeks at 30 → referral', chart(30, { pcb: [{ date: daysAgo(42), source: 'condition' }] }), 'PCB-15', true],
    ['persistence 3 weeks at 35 → no referral', chart(35, { pcb: [{ date: daysAgo(27), source: 'condition' }] }), 'PCB-15', false],
    ['persistence 4 weeks at 35 → referral', chart(35, { pcb: [{ date: daysAgo(28), source: 'condition' }] }), 'PCB-15', true],
    ['gestation 19 weeks → PCB-30', chart(29, { ...pregnant(19), ...rh('positive') }), 'PCB-30', true],
    ['gestation 20 weeks → PCB-32', chart(29, { ...pregnant(20), ...rh('positive') }), 'PCB-32', true],
    ['gestation 19 weeks → no PCB-32', chart(29, { ...pregnant(19), ...rh('positive') }), 'PCB-32', false],
    [
      'endometrial thickness 4 mm → no PCB-20',
      chart(60, { ...post, endometrialThicknessMm: [{ date: weeksAgo(1), value: 4 }] }),
      'PCB-20',
      false,
    ],
    [
      'endometrial thickness 5 mm → PCB-21',
      chart(60, { ...post, endometrialThicknessMm: [{ date: weeksAgo(1), value: 5 }] }),
      'PCB-21',
      true,
    ],
    ['look-back 90 days → gate open', chart(30, { pcb: [{ date: daysAgo(90), source: 'condition' }] }), 'PCB-10', true],
    ['look-back 91 days → gate closed', chart(30, { pcb: [{ date: daysAgo(91), source: 'condition' }] }), 'PCB-10', false],
    ['age 65 screened-out → no PCB-42', screenedAt(65), 'PCB-42', false],
    [
      'age 66 adequately screened → PCB-42',
      chart(66, { cytology: [nilm(yearsAgo(2)), nilm(yearsAgo(5)), nilm(yearsAgo(8))] }),
      'PCB-42',
      true,
    ],
    ['age 29 → cytology only', chart(29), 'PCB-11', true],
    // R2-29: PCB-54 needs more than one abnormal number (current readings only).
    ['SBP 89 alone, light bleeding → no PCB-54', chart(30, { vitals: [{ date: TODAY, kind: 'systolic', value: 89 }] }), 'PCB-54', false],
    [
      'SBP 89 and HR 111 → PCB-54',
      chart(30, {
        vitals: [
          { date: TODAY, kind: 'systolic', value: 89 },
          { date: TODAY, kind: 'heart-rate', value: 111 },
        ],
      }),
      'PCB-54',
      true,
    ],
    [
      'HR 111 with heavy bleeding → PCB-54',
      chart(30, { symptoms: [{ date: TODAY, kind: 'heavy-bleeding' }], vitals: [{ date: TODAY, kind: 'heart-rate', value: 111 }] }),
      'PCB-54',
      true,
    ],
    [
      'HR 110 with heavy bleeding, SBP 120 → PCB-50, not PCB-54',
      chart(30, {
        symptoms: [{ date: TODAY, kind: 'heavy-bleeding' }],
        vitals: [
          { date: TODAY, kind: 'heart-rate', value: 110 },
          { date: TODAY, kind: 'systolic', value: 120 },
        ],
      }),
      'PCB-50',
      true,
    ],
    [
      'shock index 1.0 (HR 100, SBP 100) → PCB-54',
      chart(30, {
        vitals: [
          { date: TODAY, kind: 'heart-rate', value: 100 },
          { date: TODAY, kind: 'systolic', value: 100 },
        ],
      }),
      'PCB-54',
      true,
    ],
    [
      'shock index 0.99 (HR 99, SBP 100) → no PCB-54',
      chart(30, {
        vitals: [
          { date: TODAY, kind: 'heart-rate', value: 99 },
          { date: TODAY, kind: 'systolic', value: 100 },
        ],
      }),
      'PCB-54',
      false,
    ],
    ['syncope → PCB-54', chart(30, { symptoms: [{ date: TODAY, kind: 'syncope' }] }), 'PCB-54', true],
    // R2-30: safeguarding to 18.
    ['age 17 → PCB-19', chart(17), 'PCB-19', true],
    ['age 18 → no PCB-19', chart(18), 'PCB-19', false],
    // R2-23: the STI block on colposcopy lasts 8 weeks when the treatment date is unknown.
    [
      'positive NAAT 7 weeks ago, PCB 10 weeks → no PCB-15',
      chart(30, {
        pcb: [{ date: weeksAgo(10), source: 'condition' }],
        stiTests: [{ date: weeksAgo(7), organism: 'chlamydia', result: 'positive' }],
      }),
      'PCB-15',
      false,
    ],
    [
      'positive NAAT 9 weeks ago, PCB 10 weeks → PCB-15',
      chart(30, {
        pcb: [{ date: weeksAgo(10), source: 'condition' }],
        stiTests: [{ date: weeksAgo(9), organism: 'chlamydia', result: 'positive' }],
      }),
      'PCB-15',
      true,
    ],
    // R2-23: in pregnancy, a positive NAAT is retested (test of cure) from 4 weeks, not before.
    [
      'pregnant, positive NAAT 27 days ago → no PCB-13',
      chart(30, { ...pregnant(10), ...rh('positive'), stiTests: [{ date: daysAgo(27), organism: 'chlamydia', result: 'positive' }] }),
      'PCB-13',
      false,
    ],
    [
      'pregnant, positive NAAT 28 days ago → PCB-13',
      chart(30, { ...pregnant(10), ...rh('positive'), stiTests: [{ date: daysAgo(28), organism: 'chlamydia', result: 'positive' }] }),
      'PCB-13',
      true,
    ],
    // R2-17: known praevia makes any gestation "late".
    [
      '18 weeks with praevia → PCB-32',
      chart(30, { ...pregnant(18), ...rh('positive'), placentaPraevia: [{ date: weeksAgo(2) }] }),
      'PCB-32',
      true,
    ],
    [
      '18 weeks with praevia → no PCB-30',
      chart(30, { ...pregnant(18), ...rh('positive'), placentaPraevia: [{ date: weeksAgo(2) }] }),
      'PCB-30',
      false,
    ],
  ])('%s', (_name, record, rule, expected) => {
    expect(fired(record).includes(rule)).toBe(expected);
  });

  it.each([
    ['RhD negative at 11 weeks → info', 11, 'info'],
    ['RhD negative at 12 weeks → warning', 12, 'warning'],
  ])('PCB-33 %s', (_name, weeks, indicator) => {
    const facts = deriveFacts(chart(29, { ...pregnant(weeks), ...rh('negative') }), US_PARAMETERS);
    const pcb33 = evaluatePostcoitalBleeding(facts, US_PARAMETERS).find((r) => r.ruleId === 'PCB-33');
    expect(pcb33?.indicatorOverride).toBe(indicator);
  });

  it('adds hrHPV to cytology from age 30, not at 29', () => {
    const orders = (age: number) =>
      evaluatePostcoitalBleeding(deriveFacts(chart(age), US_PARAMETERS), US_PARAMETERS)
        .find((r) => r.ruleId === 'PCB-11')
        ?.orders.map((o) => o.kind);
    expect(orders(29)).toEqual(['cervical-cytology']);
    expect(orders(30)).toEqual(['cervical-cytology', 'hpv-test']);
  });
});
