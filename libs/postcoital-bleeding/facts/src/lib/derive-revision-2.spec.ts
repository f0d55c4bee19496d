import { deriveFacts } from './derive-facts';
import { UK_PARAMETERS, US_PARAMETERS } from './guideline-parameters';
import type { PatientRecord } from './patient-record';
import { chart, daysAgo, monthsAgo, TODAY, weeksAgo, yearsAgo } from './record-builder.testing';

const us = (record: PatientRecord): ReturnType<typeof deriveFacts> => deriveFacts(record, US_PARAMETERS);
const NOW = `${TODAY}T15:00:00Z`;
/** An instant `hours` before NOW. */
const hoursBefore = (hours: number): string => new Date(Date.parse(NOW) - hours * 3_600_000).toISOString();
const at = (hours: number): { date: string; at: string } => ({ date: hoursBefore(hours).slice(0, 10), at: hoursBefore(hours) });

describe('R2-19 gate: birth sex M', () => {
  it.each<[string, Partial<PatientRecord>, boolean]>([
    ['administrative female, birth sex M, no female-organ evidence → closed', { administrativeGender: 'female', birthSex: 'M' }, false],
    [
      'birth sex M with a cervical cytology → open',
      { administrativeGender: 'female', birthSex: 'M', cytology: [{ date: yearsAgo(1), result: 'NILM' }] },
      true,
    ],
    [
      'birth sex M with a hysterectomy Procedure → open',
      { administrativeGender: 'female', birthSex: 'M', hysterectomy: [{ group: 'no-cervix', code: 'x', source: 'procedure' }] },
      true,
    ],
    [
      'birth sex M with only an Observation "cervix absent" → closed',
      {
        administrativeGender: 'female',
        birthSex: 'M',
        hysterectomy: [{ date: yearsAgo(1), group: 'no-cervix', code: '248911005', source: 'observation' }],
      },
      false,
    ],
    [
      'birth sex M with a gender identity implying a natal female tract → open',
      { administrativeGender: 'female', birthSex: 'M', genderIdentityWithFemaleTract: true },
      true,
    ],
    [
      'birth sex M with cervical histology → open',
      { administrativeGender: 'female', birthSex: 'M', histology: [{ date: yearsAgo(1), result: 'normal' }] },
      true,
    ],
    [
      'birth sex M with a vaginoplasty (neovagina) → open, with no cervix',
      {
        administrativeGender: 'female',
        birthSex: 'M',
        hysterectomy: [{ date: yearsAgo(5), group: 'no-cervix', code: '55970', source: 'procedure' }],
      },
      true,
    ],
    ['administrative male, birth sex F → open', { administrativeGender: 'male', birthSex: 'F' }, true],
    [
      'administrative male, trans-male gender identity extension → open',
      { administrativeGender: 'male', genderIdentityWithFemaleTract: true },
      true,
    ],
    ['birth sex unknown, administrative female → open', { administrativeGender: 'female', birthSex: 'UNK' }, true],
  ])('%s', (_name, changes, expected) => {
    expect(us(chart(30, changes)).femaleTract).toBe(expected);
  });
});

describe('R2-20: acute findings are current findings', () => {
  const withNow = (changes: Partial<PatientRecord>): PatientRecord => ({ ...chart(30, changes), now: NOW });
  it.each<[string, Partial<PatientRecord>, (f: ReturnType<typeof us>) => unknown, unknown]>([
    [
      'SBP 85 exactly 24 h ago counts',
      { vitals: [{ ...at(24), kind: 'systolic', value: 85 }] },
      (f) => [f.vitalSigns.systolicBp?.value, f.redFlags.unstable?.reason],
      [85, 'SBP 85 mmHg'],
    ],
    [
      'SBP 85 24 h and 1 min ago does not',
      { vitals: [{ ...at(24 + 1 / 60), kind: 'systolic', value: 85 }] },
      (f) => [f.vitalSigns.systolicBp, f.redFlags.unstable],
      [undefined, undefined],
    ],
    [
      'only the most recent value counts: SBP 85 then 118',
      {
        vitals: [
          { ...at(5), kind: 'systolic', value: 85 },
          { ...at(1), kind: 'systolic', value: 118 },
        ],
      },
      (f) => [f.vitalSigns.systolicBp?.value, f.redFlags.unstable],
      [118, undefined],
    ],
    [
      'the latest reading older than 24 h hides an earlier abnormal one',
      {
        vitals: [
          { ...at(30), kind: 'heart-rate', value: 130 },
          { ...at(26), kind: 'heart-rate', value: 80 },
        ],
      },
      (f) => f.vitalSigns.heartRate,
      undefined,
    ],
    [
      'HR 124 now → unstable, named',
      { vitals: [{ ...at(0.5), kind: 'heart-rate', value: 124 }] },
      (f) => f.redFlags.unstable?.reason,
      'HR 124 /min',
    ],
    [
      'temperature 38.4 °C 3 h ago → fever',
      { vitals: [{ ...at(3), kind: 'temperature', value: 38.4 }] },
      (f) => [f.vitalSigns.temperatureC?.value, f.redFlags.fever?.reason],
      [38.4, 'temperature 38.4 °C'],
    ],
    [
      'a date-only vital sign recorded today counts',
      { vitals: [{ date: TODAY, kind: 'systolic', value: 100 }] },
      (f) => f.vitalSigns.systolicBp?.value,
      100,
    ],
    [
      'a date-only vital sign from yesterday does not (it may be 39 h old)',
      { vitals: [{ date: daysAgo(1), kind: 'systolic', value: 100 }] },
      (f) => f.vitalSigns.systolicBp,
      undefined,
    ],
    [
      'heavy bleeding exactly 72 h ago counts',
      { symptoms: [{ ...at(72), kind: 'heavy-bleeding' }] },
      (f) => Boolean(f.redFlags.heavyBleeding),
      true,
    ],
    [
      'heavy bleeding 72 h and 1 min ago does not',
      { symptoms: [{ ...at(72 + 1 / 60), kind: 'heavy-bleeding' }] },
      (f) => f.redFlags.heavyBleeding,
      undefined,
    ],
    ['syncope 2 days ago counts', { symptoms: [{ ...at(48), kind: 'syncope' }] }, (f) => Boolean(f.redFlags.syncope), true],
    ['fever recorded 4 days ago does not', { symptoms: [{ ...at(96), kind: 'fever' }] }, (f) => f.redFlags.fever, undefined],
    ['pelvic pain within 72 h counts', { symptoms: [{ ...at(10), kind: 'pelvic-pain' }] }, (f) => Boolean(f.redFlags.pelvicPain), true],
    [
      'chronic pain today is never pelvic pain',
      { symptoms: [{ ...at(1), kind: 'chronic-pain' }] },
      (f) => f.redFlags.pelvicPain,
      undefined,
    ],
    [
      'discharge keeps the episode look-back (not acute)',
      { symptoms: [{ date: weeksAgo(6), kind: 'discharge' }] },
      (f) => Boolean(f.redFlags.discharge),
      true,
    ],
  ])('%s', (_name, changes, pick, expected) => {
    expect(pick(us(withNow(changes)))).toEqual(expected);
  });
});

describe('R2-25 pregnancy encodings and pregnancy of concern', () => {
  it.each<[string, Partial<PatientRecord>, (f: ReturnType<typeof us>) => unknown, unknown]>([
    [
      'antenatal episode started 10 weeks ago → pregnant',
      { pregnancyEvidence: [{ date: weeksAgo(10), kind: 'antenatal-episode' }] },
      (f) => f.pregnancy.status,
      'yes',
    ],
    [
      'antenatal episode started 300 days ago → not evidence',
      { pregnancyEvidence: [{ date: daysAgo(300), kind: 'antenatal-episode' }] },
      (f) => f.pregnancy.status,
      'unknown',
    ],
    [
      'O-code pregnancy condition 3 months ago → pregnant',
      { pregnancyEvidence: [{ date: monthsAgo(3), kind: 'pregnancy-condition' }] },
      (f) => f.pregnancy.status,
      'yes',
    ],
    [
      'antenatal episode then a delivery → pregnancy ended',
      { pregnancyEvidence: [{ date: monthsAgo(8), kind: 'antenatal-episode' }], pregnancyEnded: [{ date: weeksAgo(3), kind: 'delivery' }] },
      (f) => [f.pregnancy.status, f.pregnancy.ended?.weeksSince],
      ['no', 3],
    ],
    ...(['ectopic', 'molar', 'failed', 'incomplete-abortion'] as const).map(
      (kind): [string, Partial<PatientRecord>, (f: ReturnType<typeof us>) => unknown, unknown] => [
        `active ${kind} → pregnant, of concern`,
        { pregnancyOfConcern: [{ date: daysAgo(2), kind }] },
        (f) => [f.pregnancy.status, f.pregnancy.ofConcern],
        ['yes', { date: daysAgo(2), kind }],
      ],
    ),
    [
      'ectopic then surgical treatment → ended, no longer of concern',
      { pregnancyOfConcern: [{ date: daysAgo(10), kind: 'ectopic' }], pregnancyOfConcernTreated: [{ date: daysAgo(8) }] },
      (f) => [f.pregnancy.status, f.pregnancy.ofConcern],
      ['no', undefined],
    ],
    [
      'incomplete abortion then complete abortion (O03.9) → ended',
      {
        pregnancyOfConcern: [{ date: daysAgo(10), kind: 'incomplete-abortion' }],
        pregnancyEnded: [{ date: daysAgo(5), kind: 'abortive-outcome' }],
      },
      (f) => [f.pregnancy.status, f.pregnancy.ofConcern],
      ['no', undefined],
    ],
    [
      'molar pregnancy then a later "not pregnant" status → ended',
      {
        pregnancyOfConcern: [{ date: daysAgo(20), kind: 'molar' }],
        pregnancyEvidence: [{ date: daysAgo(3), kind: 'status-not-pregnant' }],
      },
      (f) => f.pregnancy.status,
      'no',
    ],
    [
      'a pregnancy of concern needs no gestational age (no gap)',
      { pregnancyOfConcern: [{ date: daysAgo(1), kind: 'ectopic' }], rhD: [{ date: yearsAgo(1), value: 'positive' }] },
      (f) => f.dataGaps.map((g) => g.topic).includes('gestational-age'),
      false,
    ],
  ])('%s', (_name, changes, pick, expected) => {
    expect(pick(us(chart(28, changes)))).toEqual(expected);
  });
});

describe('placenta praevia (R2-17, R2-31)', () => {
  const pregnant = { pregnancyEvidence: [{ date: weeksAgo(12), kind: 'antenatal-episode' as const }] };
  it.each<[string, Partial<PatientRecord>, unknown]>([
    [
      'praevia recorded 2 weeks ago in an ongoing pregnancy',
      { ...pregnant, placentaPraevia: [{ date: weeksAgo(2), display: 'Placenta previa' }] },
      { date: weeksAgo(2), display: 'Placenta previa' },
    ],
    ['praevia alone is pregnancy evidence', { placentaPraevia: [{ date: weeksAgo(2) }] }, { date: weeksAgo(2) }],
    [
      'resolved by a later scan "placenta not low"',
      { ...pregnant, placentaPraevia: [{ date: weeksAgo(8) }], placentaNotLow: [{ date: weeksAgo(1) }] },
      undefined,
    ],
    [
      'a scan before the praevia diagnosis does not resolve it',
      { ...pregnant, placentaPraevia: [{ date: weeksAgo(2) }], placentaNotLow: [{ date: weeksAgo(6) }] },
      { date: weeksAgo(2) },
    ],
    [
      'praevia from a pregnancy that ended (delivery since)',
      {
        pregnancyEvidence: [{ date: weeksAgo(1), kind: 'status-pregnant' }],
        placentaPraevia: [{ date: monthsAgo(14) }],
        pregnancyEnded: [{ date: monthsAgo(11), kind: 'delivery' }],
      },
      undefined,
    ],
  ])('%s', (_name, changes, expected) => {
    expect(us(chart(30, changes)).pregnancy.placentaPraevia).toEqual(expected);
  });
});

describe('risks (revision 2)', () => {
  it.each<[string, Partial<PatientRecord>, (f: ReturnType<typeof us>) => unknown, unknown]>([
    [
      'undated HIV: HIV and immunocompromised, no date',
      { risks: [{ kind: 'hiv' }] },
      (f) => [f.risks.hiv, f.risks.immunocompromised],
      [{ date: undefined }, { date: undefined }],
    ],
    [
      'immune status immunocompromised',
      { risks: [{ date: monthsAgo(2), kind: 'immunocompromised' }] },
      (f) => f.risks.immunocompromised,
      { date: monthsAgo(2) },
    ],
    [
      'rheumatoid arthritis alone is not immunocompromised',
      { risks: [{ date: yearsAgo(3), kind: 'immune-mediated-disease' }] },
      (f) => f.risks.immunocompromised,
      undefined,
    ],
    [
      'rheumatoid arthritis with an active immunosuppressant is',
      {
        risks: [
          { date: yearsAgo(3), kind: 'immune-mediated-disease' },
          { date: monthsAgo(2), kind: 'immunosuppressant', active: true },
        ],
      },
      (f) => Boolean(f.risks.immunocompromised),
      true,
    ],
    [
      'an immunosuppressant completed 11 months ago still counts',
      { risks: [{ date: monthsAgo(11), kind: 'immunosuppressant', active: false }] },
      (f) => Boolean(f.risks.immunocompromised),
      true,
    ],
    [
      'an immunosuppressant completed 13 months ago does not',
      { risks: [{ date: monthsAgo(13), kind: 'immunosuppressant', active: false }] },
      (f) => f.risks.immunocompromised,
      undefined,
    ],
    [
      'warfarin prescription and Z79.01 on the same day: the prescription names the class',
      {
        risks: [
          { date: monthsAgo(6), kind: 'anticoagulant', display: 'Long term (current) use of anticoagulants', drugClass: 'unknown' },
          { date: monthsAgo(6), kind: 'anticoagulant', display: 'warfarin', drugClass: 'vitamin-k-antagonist' },
        ],
      },
      (f) => f.risks.anticoagulant?.drugClass,
      'vitamin-k-antagonist',
    ],
    [
      'CIN3 on a biopsy report: named',
      { cervicalHistory: [{ date: yearsAgo(2), kind: 'cin2-plus', code: '20365006', display: 'CIN 3 on cervical histology' }] },
      (f) => f.risks.cin2PlusHistory?.display,
      'CIN 3 on cervical histology',
    ],
    [
      'warfarin: its class',
      { risks: [{ date: monthsAgo(6), kind: 'anticoagulant', display: 'warfarin 5 MG', drugClass: 'vitamin-k-antagonist' }] },
      (f) => f.risks.anticoagulant,
      { date: monthsAgo(6), display: 'warfarin 5 MG', drugClass: 'vitamin-k-antagonist' },
    ],
    [
      'HRT: the latest record, and started on the earliest',
      {
        risks: [
          { date: monthsAgo(9), kind: 'hrt', display: 'estradiol 1 MG' },
          { date: monthsAgo(1), kind: 'hrt', display: 'estradiol 2 MG' },
        ],
      },
      (f) => f.risks.systemicHrt,
      { date: monthsAgo(1), display: 'estradiol 2 MG', startedOn: monthsAgo(9) },
    ],
    [
      'HRT: the medicine names the product, not a same-day Z79.890',
      {
        risks: [
          { date: yearsAgo(2), kind: 'hrt', display: 'Hormone replacement therapy' },
          { date: yearsAgo(2), kind: 'hrt', display: 'estradiol 1 MG / norethindrone acetate 0.5 MG Oral Tablet', active: true },
        ],
      },
      (f) => [f.risks.systemicHrt?.display, f.risks.systemicHrt?.startedOn],
      ['estradiol 1 MG / norethindrone acetate 0.5 MG Oral Tablet', yearsAgo(2)],
    ],
    [
      'undated CIN2+ history counts as within 25 years',
      { cervicalHistory: [{ kind: 'cin2-plus', code: '20365006' }] },
      (f) => f.risks.cin2PlusHistory,
      { date: undefined, kind: 'cin2-plus' },
    ],
    [
      'CIN2+ 30 years ago no longer counts',
      { cervicalHistory: [{ date: yearsAgo(30), kind: 'cin2-plus', code: '20365006' }] },
      (f) => f.risks.cin2PlusHistory,
      undefined,
    ],
  ])('%s', (_name, changes, pick, expected) => {
    expect(pick(us(chart(40, changes)))).toEqual(expected);
  });
});

describe('screening read through histology and undated history', () => {
  it('HSIL cytology, then normal histology the next day: no longer an unmanaged abnormal result', () => {
    const f = us(chart(35, { cytology: [{ date: weeksAgo(3), result: 'HSIL' }], colposcopy: [{ date: daysAgo(19), kind: 'histology' }] }));
    expect(f.screening.unmanagedAbnormal).toBeUndefined();
  });

  it('HSIL cytology with no colposcopy or histology since stays unmanaged and urgent', () => {
    expect(us(chart(35, { cytology: [{ date: weeksAgo(3), result: 'HSIL' }] })).screening.unmanagedAbnormal?.urgent).toBe(true);
  });

  it('undated CIN2+ history puts her on the post-CIN2+ schedule and names the missing date', () => {
    const f = us(
      chart(45, { cervicalHistory: [{ kind: 'cin2-plus', code: '20365006' }], hpv: [{ date: yearsAgo(2), result: 'negative' }] }),
    );
    expect(f.screening.schedule).toBe('post-cin2');
    expect(f.screening.current).toBe(false);
    expect(f.dataGaps).toContainEqual({ topic: 'history-date', text: expect.stringContaining('CIN2+ history recorded without a date') });
  });

  it('an undated total hysterectomy removes the cervix; a missing date is a gap only when a cervical result exists', () => {
    const alone = us(chart(50, { hysterectomy: [{ group: 'no-cervix', code: '116140006', source: 'procedure' }] }));
    expect([alone.hysterectomy.class, alone.hasCervix]).toEqual(['total', false]);
    expect(alone.dataGaps.map((g) => g.topic)).not.toContain('history-date');
    const withResult = us(
      chart(50, {
        hysterectomy: [{ group: 'no-cervix', code: '116140006', source: 'procedure' }],
        cytology: [{ date: yearsAgo(3), result: 'NILM' }],
      }),
    );
    expect(withResult.hysterectomy.class).toBe('total');
    expect(withResult.dataGaps.filter((g) => g.topic === 'history-date')).toHaveLength(1);
  });
});

describe('STI (R2-23)', () => {
  it.each<[string, Partial<PatientRecord>, (f: ReturnType<typeof us>) => unknown, unknown]>([
    [
      'positive chlamydia 2 weeks ago: last positive with its organism, not yet prior STI',
      { stiTests: [{ date: weeksAgo(2), organism: 'chlamydia', result: 'positive' }] },
      (f) => [f.sti.lastPositive, f.sti.priorSti],
      [{ date: weeksAgo(2), organisms: ['chlamydia'] }, undefined],
    ],
    [
      'positive gonorrhoea 5 months ago is a prior STI',
      { stiTests: [{ date: monthsAgo(5), organism: 'gonorrhea', result: 'positive' }] },
      (f) => f.sti.priorSti,
      { date: monthsAgo(5) },
    ],
    [
      'combined CT/NG positive: organism unknown',
      { stiTests: [{ date: weeksAgo(1), organism: 'ct-ng', result: 'positive' }] },
      (f) => f.sti.lastPositive?.organisms,
      ['unknown'],
    ],
  ])('%s', (_name, changes, pick, expected) => {
    expect(pick(us(chart(22, changes)))).toEqual(expected);
  });
});

describe('data gaps (R2-15)', () => {
  it('an unrecognised result is one gap naming system, code, display and date, even when reported twice', () => {
    const result = {
      resourceType: 'Observation',
      system: 'http://snomed.info/sct',
      code: '999999999',
      display: 'Local HSIL',
      date: weeksAgo(1),
    };
    const f = us(chart(30, { unrecognisedResults: [result, result] }));
    expect(f.unrecognisedResults).toHaveLength(2);
    expect(f.dataGaps.filter((g) => g.topic === 'unrecognised-result')).toEqual([
      {
        topic: 'unrecognised-result',
        text: `result not recognised: http://snomed.info/sct|999999999 Local HSIL, dated ${weeksAgo(1)} (Observation)`,
      },
    ]);
  });

  it.each<[string, number, Partial<PatientRecord>, string, boolean]>([
    ['no screening result at 18 is normal for her age (US)', 18, {}, 'screening', false],
    ['no screening result at 30 is a gap', 30, {}, 'screening', true],
    [
      'no pregnancy test at 60 is not a gap (outside the hCG age range)',
      60,
      { lastMenstrualPeriod: [{ date: TODAY, value: monthsAgo(1) }] },
      'pregnancy',
      false,
    ],
    ['no NAAT when postmenopausal is not a gap', 62, {}, 'sti', false],
  ])('%s', (_name, age, changes, topic, expected) => {
    expect(us(chart(age, changes)).dataGaps.some((g) => g.topic === topic)).toBe(expected);
  });

  it('UK: no screening result at 24 is not a gap (programme starts at 25)', () => {
    expect(deriveFacts(chart(24), UK_PARAMETERS).dataGaps.some((g) => g.topic === 'screening')).toBe(false);
  });
});

describe('care setting', () => {
  it.each([
    ['hospital', 'hospital'],
    ['outpatient', 'outpatient'],
    [undefined, 'unknown'],
  ] as const)('record setting %s → %s', (setting, expected) => {
    expect(us(chart(30, setting ? { setting } : {})).setting).toBe(expected);
  });
});

describe('UK women living with HIV (R2-13)', () => {
  it.each<[string, Partial<PatientRecord>, boolean]>([
    [
      '34 y with HIV, cytology NILM 2 y ago → due (V63)',
      { risks: [{ date: yearsAgo(6), kind: 'hiv' }], cytology: [{ date: yearsAgo(2), result: 'NILM' }] },
      false,
    ],
    [
      '34 y with HIV, cytology NILM 10 months ago → current',
      { risks: [{ date: yearsAgo(6), kind: 'hiv' }], cytology: [{ date: monthsAgo(10), result: 'NILM' }] },
      true,
    ],
    ['34 y without HIV, cytology NILM 2 y ago → current (3-yearly)', { cytology: [{ date: yearsAgo(2), result: 'NILM' }] }, true],
  ])('%s', (_name, changes, current) => {
    expect(deriveFacts(chart(34, changes), UK_PARAMETERS).screening.current).toBe(current);
  });
});

describe('endometrial thickness (R2-8)', () => {
  it.each<[string, PatientRecord['endometrialThicknessMm'], unknown]>([
    ['ET 7 mm 3 days ago', [{ date: daysAgo(3), value: 7 }], { date: daysAgo(3), mm: 7 }],
    ['endometrium not visualised 3 days ago', [{ date: daysAgo(3), notVisualised: true }], { date: daysAgo(3), notVisualised: true }],
    ['a scan 100 days ago is outside the episode window', [{ date: daysAgo(100), value: 3 }], undefined],
  ])('%s', (_name, endometrialThicknessMm, expected) => {
    expect(us(chart(60, { endometrialThicknessMm })).endometrialThickness).toEqual(expected);
  });
});

describe('RhD result whose label contradicts its code', () => {
  it('is named once as an RhD gap, so the card asks to confirm the type', () => {
    const f = us(
      chart(29, {
        rhD: [
          {
            date: weeksAgo(2),
            value: 'negative',
            labelConflict: 'http://snomed.info/sct|165747007 means RhD positive, labelled RhD negative',
          },
        ],
      }),
    );
    expect(f.rhD).toBe('negative');
    expect(f.dataGaps.filter((g) => g.topic === 'rhd')).toEqual([
      { topic: 'rhd', text: expect.stringContaining('165747007 means RhD positive, labelled RhD negative') },
    ]);
  });

  it('an agreeing result raises no RhD gap', () => {
    expect(us(chart(29, { rhD: [{ date: weeksAgo(2), value: 'negative' }] })).dataGaps.map((g) => g.topic)).not.toContain('rhd');
  });
});
