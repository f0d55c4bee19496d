import { deriveFacts } from './derive-facts';
import { UK_PARAMETERS, US_PARAMETERS } from './guideline-parameters';
import { chart, daysAgo, monthsAgo, TODAY, weeksAgo, yearsAgo } from './record-builder.testing';

const us = (record: Parameters<typeof deriveFacts>[0]): ReturnType<typeof deriveFacts> => deriveFacts(record, US_PARAMETERS);

describe('PCB episode (gate input)', () => {
  it.each([
    ['PCB 1 week ago is in the look-back', [{ date: weeksAgo(1), source: 'condition' as const }], true, 7],
    ['PCB exactly 90 days ago is in', [{ date: daysAgo(90), source: 'condition' as const }], true, 90],
    ['PCB 91 days ago is out', [{ date: daysAgo(91), source: 'condition' as const }], false, undefined],
    ['PCB 8 months ago is out (V50)', [{ date: monthsAgo(8), source: 'condition' as const }], false, undefined],
    [
      'onset 100 days ago but written last week: in, episode from onset',
      [{ date: daysAgo(100), recorded: weeksAgo(1), source: 'condition' as const }],
      true,
      100,
    ],
  ])('%s', (_name, pcb, inLookback, days) => {
    const f = us(chart(30, { pcb }));
    expect(f.pcb.inLookback).toBe(inLookback);
    expect(f.pcb.days).toBe(days);
  });
});

describe('female tract', () => {
  it.each([
    ['female', { administrativeGender: 'female' as const }, true],
    ['male, no other evidence (V14)', { administrativeGender: 'male' as const }, false],
    ['male with female birth sex (trans man)', { administrativeGender: 'male' as const, birthSex: 'F' as const }, true],
    [
      'male with a cervical cytology on record',
      { administrativeGender: 'male' as const, cytology: [{ date: yearsAgo(1), result: 'NILM' as const }] },
      true,
    ],
    ['sex unknown keeps the gate open', { administrativeGender: undefined }, true],
  ])('%s', (_name, changes, expected) => {
    expect(us(chart(30, changes)).femaleTract).toBe(expected);
  });
});

describe('hysterectomy class', () => {
  const hyst = (group: 'no-cervix' | 'cervix-retained' | 'ambiguous', date = yearsAgo(10)) => ({ date, group, code: 'x' });
  it.each([
    ['none', [], [], 'none', true, true],
    ['total hysterectomy', [hyst('no-cervix')], [], 'total', false, false],
    ['supracervical', [hyst('cervix-retained')], [], 'subtotal', true, false],
    ['only an ambiguous code (PCB-04)', [hyst('ambiguous')], [], 'unknown', true, false],
    ['subtotal then stump excision', [hyst('cervix-retained', yearsAgo(10)), hyst('no-cervix', yearsAgo(5))], [], 'total', false, false],
    [
      'cytology dated after a total hysterectomy',
      [hyst('no-cervix')],
      [{ date: yearsAgo(1), result: 'NILM' as const }],
      'unknown',
      true,
      false,
    ],
  ])('%s', (_name, hysterectomy, cytology, cls, hasCervix, hasCorpus) => {
    const f = us(chart(50, { hysterectomy, cytology }));
    expect(f.hysterectomy.class).toBe(cls);
    expect(f.hasCervix).toBe(hasCervix);
    expect(f.hasCorpus).toBe(hasCorpus);
  });
});

describe('pregnancy status and gestational age', () => {
  it.each([
    ['nothing recorded → unknown', {}, 'unknown', undefined, false],
    [
      'status pregnant + GA 8 wk today',
      { pregnancyEvidence: [{ date: TODAY, kind: 'status-pregnant' as const }], gestationalAge: [{ date: TODAY, weeks: 8 }] },
      'yes',
      8,
      false,
    ],
    [
      'GA 18 wk recorded 2 weeks ago → 20 wk now',
      { pregnancyEvidence: [{ date: weeksAgo(2), kind: 'status-pregnant' as const }], gestationalAge: [{ date: weeksAgo(2), weeks: 18 }] },
      'yes',
      20,
      false,
    ],
    [
      'GA from EDD 10 weeks ahead → 30 wk',
      {
        pregnancyEvidence: [{ date: daysAgo(1), kind: 'status-pregnant' as const }],
        estimatedDeliveryDate: [{ date: daysAgo(1), value: '2027-01-31' }],
      },
      'yes',
      30,
      false,
    ],
    ['negative hCG 3 days ago → no', { pregnancyEvidence: [{ date: daysAgo(3), kind: 'hcg-negative' as const }] }, 'no', undefined, false],
    [
      'negative hCG 8 days ago → unknown',
      { pregnancyEvidence: [{ date: daysAgo(8), kind: 'hcg-negative' as const }] },
      'unknown',
      undefined,
      false,
    ],
    ['quantitative hCG 30 mIU/mL → yes', { hcgQuantitative: [{ date: daysAgo(1), value: 30 }] }, 'yes', undefined, false],
    [
      'positive 20 wk ago then delivery → no, conflict (PCB-01)',
      {
        pregnancyEvidence: [{ date: weeksAgo(20), kind: 'status-pregnant' as const }],
        pregnancyEnded: [{ date: weeksAgo(2), kind: 'delivery' as const }],
      },
      'no',
      undefined,
      true,
    ],
    [
      'positive evidence 300 days ago has lapsed',
      { pregnancyEvidence: [{ date: daysAgo(300), kind: 'status-pregnant' as const }] },
      'unknown',
      undefined,
      false,
    ],
  ])('%s', (_name, changes, status, ga, conflict) => {
    const f = us(chart(29, changes));
    expect(f.pregnancy.status).toBe(status);
    expect(f.pregnancy.gestationalAgeWeeks).toBe(ga);
    expect(f.pregnancy.conflict).toBe(conflict);
  });

  it('a woman without a uterus is not pregnant', () => {
    const f = us(chart(40, { hysterectomy: [{ date: yearsAgo(3), group: 'no-cervix', code: 'x' }] }));
    expect(f.pregnancy.status).toBe('no');
  });
});

describe('menopausal status', () => {
  it.each([
    [
      'recorded postmenopausal',
      58,
      { menopausalStatus: [{ date: yearsAgo(1), value: 'post' as const, source: 'observation' as const }] },
      'post',
      'recorded',
    ],
    [
      'N95.1 diagnosis',
      52,
      { menopausalStatus: [{ date: yearsAgo(1), value: 'post' as const, source: 'condition' as const }] },
      'post',
      'diagnosis',
    ],
    ['LMP 2 weeks ago at 50', 50, { lastMenstrualPeriod: [{ date: TODAY, value: weeksAgo(2) }] }, 'pre', 'last-menstrual-period'],
    [
      'LMP 13 months ago at 50 (NG23)',
      50,
      { lastMenstrualPeriod: [{ date: TODAY, value: monthsAgo(13) }] },
      'post',
      'last-menstrual-period',
    ],
    ['no data at 48 → unknown (PCB-02)', 48, {}, 'unknown', 'no-data'],
    ['no data at 39 → pre by age', 39, {}, 'pre', 'age'],
    ['no data at 40 → unknown', 40, {}, 'unknown', 'no-data'],
    ['no data at 55 → unknown', 55, {}, 'unknown', 'no-data'],
    ['no data at 56 → assumed post', 56, {}, 'post', 'assumed-from-age'],
  ])('%s', (_name, age, changes, status, basis) => {
    const f = us(chart(age, changes));
    expect(f.menopause).toMatchObject({ status, basis });
  });
});

describe('screening currency', () => {
  const nilm = (date: string) => ({ date, result: 'NILM' as const });
  const hpvNeg = (date: string) => ({ date, result: 'negative' as const });
  it.each([
    ['28 y, cytology NILM 1 y ago → current', 28, { cytology: [nilm(yearsAgo(1))] }, true],
    ['28 y, cytology NILM 3 y ago → current (inclusive)', 28, { cytology: [nilm(yearsAgo(3))] }, true],
    ['45 y, cytology NILM 4 y ago → not current (V07)', 45, { cytology: [nilm(yearsAgo(4))] }, false],
    ['45 y, cotest negative 4 y ago → current (5 y)', 45, { cytology: [nilm(yearsAgo(4))], hpv: [hpvNeg(yearsAgo(4))] }, true],
    ['35 y, no result → not current (V06)', 35, {}, false],
    [
      '34 y HIV, cytology NILM 2 y ago → not current (V39)',
      34,
      { cytology: [nilm(yearsAgo(2))], risks: [{ date: yearsAgo(5), kind: 'hiv' as const }] },
      false,
    ],
    [
      '34 y HIV, cotest negative 2 y ago → current (V40)',
      34,
      { cytology: [nilm(yearsAgo(2))], hpv: [hpvNeg(yearsAgo(2))], risks: [{ date: yearsAgo(5), kind: 'hiv' as const }] },
      true,
    ],
    [
      '38 y after CIN2, HPV negative 1 y ago → current (V42)',
      38,
      { hpv: [hpvNeg(yearsAgo(1))], cervicalHistory: [{ date: yearsAgo(3), kind: 'cin2-plus' as const, code: 'x' }] },
      true,
    ],
    ['70 y with no results → not current (V34)', 70, {}, false],
    [
      '70 y adequately screened (3 NILM in 10 y, last 4 y ago) → not due',
      70,
      { cytology: [nilm(yearsAgo(4)), nilm(yearsAgo(7)), nilm(yearsAgo(9))] },
      true,
    ],
    ['23 y, LSIL 6 months ago → surveillance, current (V61)', 23, { cytology: [{ date: monthsAgo(6), result: 'LSIL' as const }] }, true],
  ])('%s', (_name, age, changes, current) => {
    expect(us(chart(age, changes)).screening.current).toBe(current);
  });

  it('UK 40 y, HPV negative 4 y ago (before Jul 2025) → due (V55)', () => {
    const f = deriveFacts(chart(40, { hpv: [hpvNeg(yearsAgo(4))] }), UK_PARAMETERS);
    expect(f.screening).toMatchObject({ current: false, schedule: 'nhs-programme' });
  });

  it.each([
    [
      'HSIL 3 months ago, no colposcopy (V11) → unmanaged, urgent',
      29,
      { cytology: [{ date: monthsAgo(3), result: 'HSIL' as const }] },
      true,
      true,
    ],
    [
      'ASC-US + hrHPV 2 months ago with colposcopy after (V13) → managed',
      33,
      {
        cytology: [{ date: monthsAgo(2), result: 'ASC-US' as const }],
        hpv: [{ date: monthsAgo(2), result: 'positive' as const }],
        colposcopy: [{ date: monthsAgo(1), kind: 'colposcopy' as const }],
      },
      false,
      undefined,
    ],
    [
      'ASC-US + hrHPV at 33, no colposcopy → unmanaged, not urgent',
      33,
      { cytology: [{ date: monthsAgo(2), result: 'ASC-US' as const }], hpv: [{ date: monthsAgo(2), result: 'positive' as const }] },
      true,
      false,
    ],
    ['LSIL at 23 is not a trigger', 23, { cytology: [{ date: monthsAgo(6), result: 'LSIL' as const }] }, false, undefined],
  ])('%s', (_name, age, changes, unmanaged, urgent) => {
    const s = us(chart(age, changes)).screening;
    expect(s.unmanagedAbnormal !== undefined).toBe(unmanaged);
    expect(s.unmanagedAbnormal?.urgent).toBe(urgent);
  });
});

describe('STI and red flags', () => {
  it('same-day positive chlamydia and negative gonorrhoea → last NAAT positive', () => {
    const f = us(
      chart(27, {
        stiTests: [
          { date: weeksAgo(3), organism: 'chlamydia', result: 'positive' },
          { date: weeksAgo(3), organism: 'gonorrhea', result: 'negative' },
        ],
      }),
    );
    expect(f.sti.lastNaat).toEqual({ date: weeksAgo(3), result: 'positive' });
  });

  it.each([
    ['SBP 85 today → unstable', [{ date: TODAY, kind: 'systolic' as const, value: 85 }], true],
    ['SBP 90 → stable', [{ date: TODAY, kind: 'systolic' as const, value: 90 }], false],
    ['HR 111 → unstable', [{ date: TODAY, kind: 'heart-rate' as const, value: 111 }], true],
    [
      'SBP 85 three weeks ago, 120 today → stable',
      [
        { date: weeksAgo(3), kind: 'systolic' as const, value: 85 },
        { date: TODAY, kind: 'systolic' as const, value: 120 },
      ],
      false,
    ],
  ])('%s', (_name, vitals, unstable) => {
    expect(us(chart(30, { vitals })).redFlags.unstable !== undefined).toBe(unstable);
  });

  it('temperature 38.0 °C is fever', () => {
    expect(us(chart(30, { vitals: [{ date: TODAY, kind: 'temperature', value: 38 }] })).redFlags.fever?.reason).toBe('temperature 38 °C');
  });
});
