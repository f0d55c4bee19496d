import type { ServiceRequest } from 'fhir/r4';
import type { Card } from '@pcb-cds/cds-hooks-model';
import type { GuidelineParameters, PatientRecord } from '@pcb-cds/postcoital-bleeding-facts';
import { addMonths, deriveFacts, UK_PARAMETERS, US_PARAMETERS } from '@pcb-cds/postcoital-bleeding-facts';
import { chart, daysAgo, monthsAgo, TODAY, weeksAgo, yearsAgo } from '@pcb-cds/postcoital-bleeding-facts/testing';
import { CITATIONS, evaluatePostcoitalBleeding } from '@pcb-cds/postcoital-bleeding-rules';
import { defaultTerminology } from '@pcb-cds/postcoital-bleeding-terminology';
import { RULES_EXTENSION, toCards, TRACE_EXTENSION } from './to-cards';

// One card-level test per revision-2 change (pcb-guideline.md §R2), named for the patient, asserting
// what the clinician reads: summary words and values, indicator, advice present or absent, orders, links.

const cardsFor = (record: PatientRecord, p: GuidelineParameters = US_PARAMETERS): Card[] => {
  const facts = deriveFacts(record, p);
  return toCards(evaluatePostcoitalBleeding(facts, p), { patientId: 'p1', facts, terminology: defaultTerminology });
};
const rules = (c: Card): string[] => c.extension?.[RULES_EXTENSION] as string[];
const cardOf = (cards: Card[], rule: string): Card => {
  const card = cards.find((c) => rules(c).includes(rule));
  if (!card) {
    throw new Error(`no card for ${rule}: ${cards.map((c) => rules(c).join('+')).join(', ')}`);
  }
  return card;
};
const orders = (c: Card): ServiceRequest[] =>
  (c.suggestions ?? []).flatMap((s) => s.actions ?? []).map((a) => a.resource as unknown as ServiceRequest);
const orderCodes = (cards: Card[]): string[] => cards.flatMap(orders).map((r) => r.code?.coding?.[0].code ?? '');
const text = (cards: Card[]): string => cards.map((c) => `${c.summary}\n${c.detail}`).join('\n');
const code = (kind: Parameters<typeof defaultTerminology.order>[0]): string => defaultTerminology.order(kind).code;

const pregnant = (weeks?: number): Partial<PatientRecord> => ({
  pregnancyEvidence: [{ date: TODAY, kind: 'status-pregnant' }],
  ...(weeks === undefined ? {} : { gestationalAge: [{ date: TODAY, weeks }] }),
});
const rhPos = { rhD: [{ date: monthsAgo(1), value: 'positive' as const }] };
const rhNeg = { rhD: [{ date: monthsAgo(1), value: 'negative' as const }] };
const post = { menopausalStatus: [{ date: TODAY, value: 'post' as const, source: 'observation' as const }] };
const lmp = { lastMenstrualPeriod: [{ date: TODAY, value: weeksAgo(2) }] };
const nilm = { cytology: [{ date: yearsAgo(1), result: 'NILM' as const }] };
const naatNeg = { stiTests: [{ date: monthsAgo(1), organism: 'ct-ng' as const, result: 'negative' as const }] };
const heavy = { date: TODAY, kind: 'heavy-bleeding' as const };
const pain = { date: TODAY, kind: 'pelvic-pain' as const };
const sbp = (value: number) => ({ date: TODAY, kind: 'systolic' as const, value });
const hr = (value: number) => ({ date: TODAY, kind: 'heart-rate' as const, value });

describe('revision 2, card by card', () => {
  it('R2-1/R2-28 (i): 32 weeks pregnant, heavy bleeding, SBP 82, HR 124 → EMERGENCY now with major-haemorrhage measures, not same-day triage', () => {
    const cards = cardsFor(chart(31, { ...pregnant(32), ...rhPos, ...nilm, symptoms: [heavy], vitals: [sbp(82), hr(124)] }));
    const card = cards[0];
    expect(rules(card)).toEqual(['PCB-34']);
    expect(card.indicator).toBe('critical');
    expect(card.summary).toMatch(/^EMERGENCY: 32 wk, heavy bleeding, SBP 82, HR 124/);
    expect(card.detail).toContain('call 911');
    expect(card.detail).toContain('never private transport');
    expect(card.detail).toContain('No digital vaginal examination');
    expect(card.detail).toContain('Ultrasound must not delay resuscitation or delivery');
    expect(orderCodes([card])).toEqual(
      expect.arrayContaining([code('crossmatch'), code('coagulation-screen-with-fibrinogen'), code('cbc')]),
    );
    expect(cards.flatMap(rules)).not.toContain('PCB-32');
  });

  it('R2-28 (ii): 34 weeks, pain with light bleeding → immediate obstetric assessment for abruption, no crossmatch, CTG', () => {
    const cards = cardsFor(chart(30, { ...pregnant(34), ...rhPos, ...nilm, ...naatNeg, symptoms: [pain] }));
    expect(cards[0].summary).toMatch(/^EMERGENCY: 34 wk, pain — to L&D now/);
    expect(cards[0].detail).toContain('possible placental abruption');
    expect(cards[0].detail).toContain('Fetal monitoring (CTG)');
    expect(orderCodes(cards)).not.toContain(code('crossmatch'));
  });

  it('R2-28: 21 weeks with heavy bleeding → below the viability threshold the fetal heart is documented, no CTG', () => {
    const [card] = cardsFor(chart(30, { ...pregnant(21), ...rhPos, ...nilm, ...naatNeg, symptoms: [heavy] }));
    expect(card.detail).toContain('document the fetal heart; no CTG');
  });

  it('R2-2/R2-21/R2-29: 30-year-old, heavy bleeding with SBP 85, pregnancy not recorded → IMMEDIATE ambulance, not same-day ED', () => {
    const cards = cardsFor(chart(30, { ...nilm, symptoms: [heavy], vitals: [sbp(85)] }));
    const card = cards[0];
    expect(rules(card)).toEqual(['PCB-54']);
    expect(card.indicator).toBe('critical');
    expect(card.summary).toBe('IMMEDIATE: heavy bleeding, SBP 85 — ambulance to emergency department');
    expect(card.detail).toContain('Ruptured ectopic pregnancy until excluded');
    expect(cards.flatMap(rules)).not.toContain('PCB-50');
    expect(text(cards)).not.toMatch(/same-day/i);
  });

  it('R2-29: SBP 88 alone with light bleeding (constitutional hypotension) → no emergency card', () => {
    const cards = cardsFor(chart(30, { ...nilm, ...lmp, vitals: [sbp(88), hr(70)] }));
    expect(cards.map((c) => c.indicator)).not.toContain('critical');
  });

  it('R2-29: shock index 1.1 (HR 120, SBP 110) in hospital → rapid-response team, no ambulance referral', () => {
    const cards = cardsFor(chart(30, { ...nilm, ...lmp, setting: 'hospital', vitals: [sbp(110), hr(120)] }));
    const card = cardOf(cards, 'PCB-54');
    expect(card.summary).toBe('IMMEDIATE: shock index 1.1 (HR 120, SBP 110) — call the rapid-response team');
    expect(orderCodes([card])).not.toContain(code('emergency-referral'));
  });

  it('R2-3/R2-26: 63-year-old postmenopausal on warfarin with heavy bleeding → INR stat, no hCG', () => {
    const cards = cardsFor(
      chart(63, {
        ...post,
        ...nilm,
        symptoms: [heavy],
        risks: [{ date: yearsAgo(1), kind: 'anticoagulant', display: 'warfarin 5 MG Oral Tablet', drugClass: 'vitamin-k-antagonist' }],
      }),
    );
    const card = cardOf(cards, 'PCB-50');
    expect(card.summary).toBe(
      'Heavy bleeding, no current observations — take them now: same-day emergency department assessment; CBC, type and screen',
    );
    expect(orderCodes([card])).toContain(code('inr'));
    expect(card.detail).toContain('Pregnancy test: not needed — postmenopausal.');
    expect(orders(card).find((o) => o.code?.coding?.[0].code === code('inr'))?.priority).toBe('stat');
    expect(orderCodes(cards)).not.toEqual(expect.arrayContaining([code('urine-hcg')]));
    expect(orderCodes(cards)).not.toContain(code('serum-quantitative-hcg'));
  });

  it('R2-26: heavy bleeding on dabigatran → thrombin time, not anti-Xa; on apixaban → anti-Xa', () => {
    const on = (drugClass: 'dabigatran' | 'factor-xa-inhibitor') =>
      orderCodes(
        cardsFor(chart(63, { ...post, ...nilm, symptoms: [heavy], risks: [{ date: yearsAgo(1), kind: 'anticoagulant', drugClass }] })),
      );
    expect(on('dabigatran')).toContain(code('thrombin-time'));
    expect(on('dabigatran')).not.toContain(code('anti-xa'));
    expect(on('factor-xa-inhibitor')).toContain(code('anti-xa'));
  });

  it('R2-4/R2-31: pregnant, gestation unknown → sterile speculum only, no bimanual examination on any card', () => {
    const cards = cardsFor(chart(26, { ...pregnant(), ...rhPos, ...nilm, ...naatNeg }));
    const all = text(cards);
    expect(all).toContain('no digital or bimanual examination until gestation and placental site are known');
    expect(all).not.toMatch(/speculum and bimanual/);
    expect(cardOf(cards, 'PCB-30').summary).toContain('no digital exam');
  });

  it('R2-4: after total hysterectomy → speculum examination of the vaginal vault, no bimanual/cervix wording', () => {
    const cards = cardsFor(chart(52, { hysterectomy: [{ date: yearsAgo(10), group: 'no-cervix', code: '116140006' }] }));
    expect(cardOf(cards, 'PCB-10').detail).toContain('speculum examination of the vaginal vault');
    expect(cardOf(cards, 'PCB-10').detail).not.toContain('bimanual examination, visualising');
  });

  it('R2-5: 30 weeks pregnant, light bleeding → one critical triage card, no pregnancy test, no routine work-up', () => {
    const cards = cardsFor(chart(31, { ...pregnant(30), ...rhPos, ...nilm, ...naatNeg }));
    expect(cards.map(rules)).toEqual([['PCB-32']]);
    expect(cards[0].summary).toBe('Bleeding in pregnancy (30 wk): same-day L&D triage; no digital exam until previa excluded');
    expect(orderCodes(cards)).not.toContain(code('urine-hcg'));
    expect(cards[0].detail).toContain('**Considered, not needed now**');
  });

  it('R2-6: 27-year-old, chlamydia positive 3 weeks ago, bleeding 7 weeks → no NAAT; work-up says when the retest is due', () => {
    const positive = weeksAgo(3);
    const cards = cardsFor(
      chart(27, {
        pcb: [{ date: weeksAgo(7), source: 'condition' }],
        stiTests: [{ date: positive, organism: 'chlamydia', result: 'positive' }],
        ...nilm,
        pregnancyEvidence: [{ date: daysAgo(2), kind: 'hcg-negative' }],
      }),
    );
    expect(cards.flatMap(rules)).toEqual(['PCB-10']);
    expect(orderCodes(cards)).toEqual([]);
    const detail = cards[0].detail ?? '';
    expect(detail).toContain('**Considered, not needed now**');
    expect(detail).toContain(`retest due ${addMonths(positive, 3)}`);
    expect(detail).toContain('partner(s) were treated');
    expect(detail).toContain('re-evaluate 6–8 weeks after treatment');
  });

  it('R2-7: 58-year-old postmenopausal, no NAAT on record (US) → no chlamydia/gonorrhea test', () => {
    const cards = cardsFor(
      chart(58, { ...post, cytology: [{ date: yearsAgo(3), result: 'NILM' }], hpv: [{ date: yearsAgo(3), result: 'negative' }] }),
    );
    expect(cards.flatMap(rules)).not.toContain('PCB-13');
    expect(orderCodes(cards)).not.toContain(code('ct-ng-naat'));
  });

  it('R2-8: 57-year-old, endometrial thickness 7 mm 3 days ago → URGENT biopsy, no repeat ultrasound', () => {
    const cards = cardsFor(
      chart(57, {
        ...post,
        cytology: [{ date: yearsAgo(2), result: 'NILM' }],
        hpv: [{ date: yearsAgo(2), result: 'negative' }],
        endometrialThicknessMm: [{ date: daysAgo(3), value: 7 }],
      }),
    );
    const card = cardOf(cards, 'PCB-21');
    expect(card.indicator).toBe('warning');
    expect(card.summary).toBe('URGENT: endometrial thickness 7 mm on ultrasound 3 days ago (>4 mm): endometrial biopsy');
    expect(orderCodes(cards)).toContain(code('endometrial-biopsy'));
    expect(orderCodes(cards)).not.toContain(code('transvaginal-ultrasound'));
  });

  it('R2-9: 50-year-old after total hysterectomy for CIN3 → vault assessment via gynecology, never cervical colposcopy', () => {
    const cards = cardsFor(
      chart(50, {
        hysterectomy: [{ date: yearsAgo(8), group: 'no-cervix', code: '116140006' }],
        cervicalHistory: [{ date: yearsAgo(8), kind: 'cin2-plus', code: '252991009' }],
      }),
    );
    const card = cardOf(cards, 'PCB-44');
    expect(card.summary).toContain('vaginal vault assessment with vaginal colposcopy');
    expect(orderCodes(cards)).not.toContain(code('colposcopy'));
    expect(orderCodes([card])).toContain(code('gynecology-referral'));
    expect(text(cards)).not.toMatch(/cervical colposcopy|refer for colposcopy/i);
  });

  it('R2-10/R2-22: 24 weeks, RhD unknown → URGENT ABO/Rh and antibody screen, anti-D within 72 h if negative', () => {
    const cards = cardsFor(chart(29, { ...pregnant(24), ...nilm, ...naatNeg }));
    const card = cardOf(cards, 'PCB-33');
    expect(card.summary).toBe('URGENT: RhD unknown, bleeding at 24 wk — ABO/Rh and antibody screen; anti-D within 72 h if negative');
    expect(orderCodes(cards)).toEqual(expect.arrayContaining([code('abo-rh-group'), code('antibody-screen')]));
  });

  it('R2-10/R2-22: 22 weeks, RhD negative → URGENT anti-D within 72 h, Kleihauer to dose it', () => {
    const cards = cardsFor(chart(29, { ...pregnant(22), ...rhNeg, ...nilm, ...naatNeg }));
    const card = cardOf(cards, 'PCB-33');
    expect(card.indicator).toBe('warning');
    expect(card.summary).toBe('URGENT: RhD negative, bleeding at 22 wk — anti-D within 72 h');
    expect(orderCodes(cards)).toContain(code('kleihauer-fmh'));
    expect(card.detail).toContain('routine antenatal anti-D prophylaxis');
  });

  it('R2-22: 10 weeks, RhD negative → info, anti-D may be forgone', () => {
    const card = cardOf(cardsFor(chart(29, { ...pregnant(10), ...rhNeg, ...nilm, ...naatNeg })), 'PCB-33');
    expect(card.indicator).toBe('info');
  });

  it('R2-11/R2-31: 28-year-old, pelvic pain, pregnancy status unknown → "exclude ectopic", hCG stat on that card only', () => {
    const cards = cardsFor(chart(28, { ...nilm, symptoms: [pain] }));
    const card = cardOf(cards, 'PCB-51');
    expect(card.summary).toContain('exclude ectopic pregnancy');
    expect(card.detail).toContain('Exclude ectopic pregnancy before treating as PID');
    const hcg = cards
      .flatMap(orders)
      .filter((o) => [code('urine-hcg'), code('serum-quantitative-hcg')].includes(o.code?.coding?.[0].code ?? ''));
    expect(hcg).toHaveLength(1);
    expect(hcg[0].priority).toBe('stat');
    expect(orderCodes([card])).toContain(hcg[0].code?.coding?.[0].code);
    expect(cards.flatMap(rules)).toContain('PCB-14');
  });

  it('R2-12: 39-year-old with unexplained weight loss → urgent examination and gynecology review, no oncology referral', () => {
    const cards = cardsFor(chart(39, { ...nilm, symptoms: [{ date: weeksAgo(2), kind: 'weight-loss' }] }));
    const card = cardOf(cards, 'PCB-53');
    expect(card.summary).toBe('URGENT: unexplained weight loss: urgent examination and gynecology review');
    expect(orderCodes(cards)).not.toContain(code('oncology-referral'));
  });

  it('R2-13: UK, heavy bleeding with SBP 85 → 999, A&E, FBC; no US words', () => {
    const cards = cardsFor(chart(30, { ...nilm, symptoms: [heavy], vitals: [sbp(85)] }), UK_PARAMETERS);
    const all = text(cards);
    expect(cards[0].summary).toContain('A&E');
    expect(all).toContain('999');
    expect(all).toContain('FBC');
    expect(all).not.toMatch(/\bCBC\b|911|\bED\b|L&D|\bPap\b|gynecolog|hemorrhage/);
  });

  it('R2-13: UK, suspicious cervix → urgent suspected cancer referral (2-week wait)', () => {
    const cards = cardsFor(chart(40, { ...nilm, ...naatNeg, findings: [{ date: TODAY, kind: 'cervical-lesion' }] }), UK_PARAMETERS);
    expect(cardOf(cards, 'PCB-17').summary).toContain('urgent suspected cancer referral (2-week wait)');
  });

  it('R2-13: UK, 8 weeks pregnant → early pregnancy assessment unit', () => {
    const cards = cardsFor(chart(29, { ...pregnant(8), ...rhPos, ...nilm, ...naatNeg }), UK_PARAMETERS);
    expect(cardOf(cards, 'PCB-30').summary).toContain('early pregnancy assessment unit');
    expect(orderCodes(cards)).toContain(code('early-pregnancy-unit-referral'));
  });

  it('R2-13: UK woman living with HIV → annual cervical screening', () => {
    const cards = cardsFor(chart(34, { ...nilm, ...naatNeg, risks: [{ date: yearsAgo(5), kind: 'hiv' }] }), UK_PARAMETERS);
    expect(text(cards)).toContain('annual cervical screening');
  });

  it('R2-15: every card — ≤3 canonical links, trace in the extension, no file names or rule ids in the text, summary <140', () => {
    const canonical = new Set(Object.values(CITATIONS).flatMap((c) => ('url' in c ? [c.url] : [])));
    const patients = [
      chart(35),
      chart(45, { pcb: [{ date: monthsAgo(2), source: 'condition' }] }),
      chart(62, { ...post, risks: [{ date: yearsAgo(2), kind: 'hrt', display: 'estradiol 1 MG Oral Tablet' }] }),
    ];
    for (const c of patients.flatMap((r) => cardsFor(r))) {
      expect((c.links ?? []).length).toBeLessThanOrEqual(3);
      (c.links ?? []).forEach((l) => expect(canonical).toContain(l.url));
      expect(c.extension?.[TRACE_EXTENSION]).toBeDefined();
      expect(`${c.summary}${c.detail}`).not.toMatch(/\.txt|pcb-guideline|PCB-\d\d/);
      expect(c.summary.length).toBeLessThan(140);
    }
  });

  it('R2-15: 62-year-old on estradiol for 2 years → names the product, how long, and the NG23 conclusion', () => {
    const cards = cardsFor(chart(62, { ...post, risks: [{ date: yearsAgo(2), kind: 'hrt', display: 'estradiol 1 MG Oral Tablet' }] }));
    const detail = text(cards);
    expect(detail).toContain('estradiol 1 MG Oral Tablet, taken for 2 years');
    expect(detail).toContain('beyond 3 months of HRT, unscheduled bleeding needs prompt review');
  });

  it('R2-15: 30-year-old (pregnancy possible) vs 62-year-old postmenopausal → "pregnancy is not a contraindication" only for the first', () => {
    expect(text(cardsFor(chart(30)))).toContain('Pregnancy is not a contraindication');
    expect(text(cardsFor(chart(62, post)))).not.toContain('Pregnancy is not a contraindication');
  });

  it('R2-15: 68-year-old screened out (UK) → says the programme was exited and does not apply to symptoms', () => {
    const cards = cardsFor(
      chart(68, {
        ...post,
        cytology: [
          { date: yearsAgo(4), result: 'NILM' },
          { date: yearsAgo(7), result: 'NILM' },
          { date: yearsAgo(9), result: 'NILM' },
        ],
      }),
      UK_PARAMETERS,
    );
    expect(text(cards)).toContain('does not apply to postcoital bleeding');
  });

  it('R2-15: 35-year-old with no results → patient safety-netting line once, each data gap once', () => {
    const cards = cardsFor(chart(35));
    const all = text(cards);
    expect(all.match(/\*\*For the patient:\*\*/g)).toHaveLength(1);
    expect(all).toContain('lasts more than 24 hours');
  });

  it('R2-15: HSIL and a suspicious cervix at 12 weeks pregnant → one colposcopy card with the pregnancy caution once', () => {
    const cards = cardsFor(
      chart(29, {
        ...pregnant(12),
        ...rhPos,
        cytology: [{ date: monthsAgo(3), result: 'HSIL' }],
        findings: [{ date: TODAY, kind: 'cervical-lesion' }],
      }),
    );
    const colpo = cards.filter((c) => rules(c).some((r) => ['PCB-15', 'PCB-16', 'PCB-17', 'PCB-44'].includes(r)));
    expect(colpo).toHaveLength(1);
    expect(rules(colpo[0])).toEqual(['PCB-16', 'PCB-17']);
    expect(colpo[0].detail?.match(/no endocervical curettage/g)).toHaveLength(1);
    expect(orderCodes(cards).filter((c) => c === code('colposcopy'))).toHaveLength(1);
  });

  it('R2-15/R2-25: delivered 4 weeks ago → "pregnancy ended 4 weeks ago" with the postpartum differential, not a data conflict', () => {
    const cards = cardsFor(
      chart(29, {
        pregnancyEvidence: [{ date: monthsAgo(6), kind: 'status-pregnant' }],
        pregnancyEnded: [{ date: weeksAgo(4), kind: 'delivery' }],
      }),
    );
    const card = cardOf(cards, 'PCB-01');
    expect(card.summary).toContain('Pregnancy ended 4 weeks ago');
    expect(card.detail).toContain('lactational');
    expect(text(cards)).not.toMatch(/conflict/i);
  });

  it('R2-16/R2-30: 15-year-old (UK) → safeguarding prompt on the work-up card; 12-year-old → URGENT mandatory referral', () => {
    const fifteen = cardsFor(chart(15, lmp), UK_PARAMETERS);
    expect(text(fifteen)).toContain('consent, coercion and sexual abuse');
    expect(text(fifteen)).toContain('Gillick');
    const twelve = cardOf(cardsFor(chart(12, lmp), UK_PARAMETERS), 'PCB-19');
    expect(twelve.indicator).toBe('warning');
    expect(twelve.summary).toMatch(/^URGENT: Age 12: sexual activity under 13 — mandatory safeguarding referral/);
  });

  it('R2-17: 18 weeks with known placenta praevia → same-day triage, never a digital examination', () => {
    const cards = cardsFor(
      chart(30, { ...pregnant(18), ...rhPos, ...nilm, ...naatNeg, placentaPraevia: [{ date: weeksAgo(2), display: 'Placenta previa' }] }),
    );
    const card = cardOf(cards, 'PCB-32');
    expect(card.indicator).toBe('critical');
    expect(card.summary).toContain('known placenta previa, 18 wk');
    expect(card.detail).toContain('never a digital vaginal examination');
    expect(cards.flatMap(rules)).not.toContain('PCB-30');
  });

  it('R2-20: SBP 85 and HR 124 three months ago, light bleeding now → no emergency card', () => {
    const cards = cardsFor(
      chart(30, {
        ...lmp,
        ...nilm,
        vitals: [
          { date: monthsAgo(3), kind: 'systolic', value: 85 },
          { date: monthsAgo(3), kind: 'heart-rate', value: 124 },
        ],
      }),
    );
    expect(cards.map((c) => c.indicator)).toEqual(['info']);
  });

  it('R2-23: 10 weeks pregnant, chlamydia positive 2 weeks ago → no retest now, test of cure in pregnancy', () => {
    const cards = cardsFor(
      chart(29, { ...pregnant(10), ...rhPos, ...nilm, stiTests: [{ date: weeksAgo(2), organism: 'chlamydia', result: 'positive' }] }),
    );
    expect(orderCodes(cards)).not.toContain(code('ct-ng-naat'));
    expect(text(cards)).toContain('test of cure about 4 weeks after treatment');
  });

  it('R2-23: 10 weeks pregnant, chlamydia positive 6 weeks ago and no test since → test of cure ordered', () => {
    const cards = cardsFor(
      chart(29, { ...pregnant(10), ...rhPos, ...nilm, stiTests: [{ date: weeksAgo(6), organism: 'chlamydia', result: 'positive' }] }),
    );
    expect(orderCodes(cards)).toContain(code('ct-ng-naat'));
  });

  it('R2-24: 60-year-old, ET 3 mm 60 days ago before this episode → PMB work-up still asked, the old scan named as not answering it', () => {
    const cards = cardsFor(
      chart(60, {
        ...post,
        cytology: [{ date: yearsAgo(2), result: 'NILM' }],
        hpv: [{ date: yearsAgo(2), result: 'negative' }],
        endometrialThicknessMm: [{ date: daysAgo(60), value: 3 }],
      }),
    );
    const card = cardOf(cards, 'PCB-20');
    expect(card.summary).toContain('URGENT: postmenopausal bleeding at 60');
    expect(card.detail).toContain('predates this bleeding episode');
    expect(orderCodes(cards)).toContain(code('transvaginal-ultrasound'));
  });

  it('R2-25: known ectopic pregnancy with light bleeding → "known ectopic pregnancy with bleeding: emergency assessment"', () => {
    const cards = cardsFor(chart(27, { pregnancyOfConcern: [{ date: daysAgo(2), kind: 'ectopic' }], ...rhPos, ...nilm, ...naatNeg }));
    expect(cards[0].indicator).toBe('critical');
    expect(cards[0].summary).toContain('Known ectopic pregnancy with bleeding: emergency assessment');
  });

  it('R2-31: heavy bleeding with SBP 85 → hCG once, at stat, on the most urgent card', () => {
    const cards = cardsFor(chart(30, { ...nilm, symptoms: [heavy], vitals: [sbp(85)] }));
    const hcg = cards.map((c) => orderCodes([c]).filter((x) => [code('urine-hcg'), code('serum-quantitative-hcg')].includes(x)).length);
    expect(hcg).toEqual([1, ...cards.slice(1).map(() => 0)]);
    expect(orders(cards[0]).find((o) => o.code?.coding?.[0].code === code('urine-hcg'))?.priority).toBe('stat');
    expect(cardOf(cards, 'PCB-14').detail).toContain('**Ordered on the more urgent card above:**');
  });
});
