import type { PatientRecord } from '@pcb-cds/postcoital-bleeding-facts';
import { deriveFacts, UK_PARAMETERS, US_PARAMETERS } from '@pcb-cds/postcoital-bleeding-facts';
import { chart, daysAgo, monthsAgo, TODAY, weeksAgo, yearsAgo } from '@pcb-cds/postcoital-bleeding-facts/testing';
import { evaluatePostcoitalBleeding } from '@pcb-cds/postcoital-bleeding-rules';
import { defaultTerminology } from '@pcb-cds/postcoital-bleeding-terminology';
import { RULE_IDS } from '@pcb-cds/postcoital-bleeding-rules';
import { toCards } from './to-cards';

const preg = (w?: number) => ({
  pregnancyEvidence: [{ date: TODAY, kind: 'status-pregnant' as const }],
  ...(w === undefined ? {} : { gestationalAge: [{ date: TODAY, weeks: w }] }),
});
const post = { menopausalStatus: [{ date: TODAY, value: 'post' as const, source: 'observation' as const }] };
const patients: PatientRecord[] = [
  chart(35),
  chart(19),
  chart(15),
  chart(12),
  chart(48, { symptoms: [{ date: weeksAgo(2), kind: 'intermenstrual-bleeding' }] }),
  chart(45, { pcb: [{ date: monthsAgo(2), source: 'condition' }] }),
  chart(29, {
    cytology: [{ date: monthsAgo(3), result: 'HSIL' }],
    findings: [
      { date: TODAY, kind: 'cervical-lesion' },
      { date: TODAY, kind: 'cervical-polyp' },
    ],
  }),
  chart(29, {
    ...preg(8),
    symptoms: [
      { date: TODAY, kind: 'heavy-bleeding' },
      { date: TODAY, kind: 'pelvic-pain' },
    ],
    vitals: [{ date: TODAY, kind: 'systolic', value: 80 }],
  }),
  chart(29, { ...preg(), rhD: [{ date: TODAY, value: 'negative' }] }),
  chart(29, { ...preg(16) }),
  chart(29, { ...preg(30) }),
  chart(29, { ...preg(32), symptoms: [{ date: TODAY, kind: 'heavy-bleeding' }] }),
  chart(29, { ...preg(32), symptoms: [{ date: TODAY, kind: 'pelvic-pain' }] }),
  chart(27, { pregnancyOfConcern: [{ date: daysAgo(2), kind: 'molar' }] }),
  chart(62, {
    ...post,
    risks: [
      { date: yearsAgo(2), kind: 'hrt', display: 'estradiol' },
      { date: yearsAgo(2), kind: 'tamoxifen' },
    ],
  }),
  chart(42, { lastMenstrualPeriod: [{ date: TODAY, value: weeksAgo(2) }], risks: [{ date: yearsAgo(2), kind: 'tamoxifen' }] }),
  chart(41, { findings: [{ date: TODAY, kind: 'ectropion' }] }),
  chart(57, { ...post, endometrialThicknessMm: [{ date: daysAgo(3), value: 7 }] }),
  chart(52, {
    hysterectomy: [{ date: yearsAgo(10), group: 'no-cervix', code: '116140006' }],
    cervicalHistory: [{ date: yearsAgo(8), kind: 'cancer', code: 'x' }],
  }),
  chart(52, { hysterectomy: [{ date: yearsAgo(10), group: 'cervix-retained', code: 'x' }] }),
  chart(52, { hysterectomy: [{ date: yearsAgo(10), group: 'ambiguous', code: 'x' }] }),
  chart(38, { cervicalHistory: [{ date: yearsAgo(3), kind: 'cin2-plus', code: 'x' }], risks: [{ date: yearsAgo(5), kind: 'hiv' }] }),
  chart(70, {
    cytology: [
      { date: yearsAgo(4), result: 'NILM' },
      { date: yearsAgo(7), result: 'NILM' },
      { date: yearsAgo(9), result: 'NILM' },
    ],
  }),
  chart(50, {
    symptoms: [
      { date: TODAY, kind: 'heavy-bleeding' },
      { date: TODAY, kind: 'fever' },
      { date: TODAY, kind: 'discharge' },
      { date: TODAY, kind: 'weight-loss' },
    ],
    findings: [{ date: TODAY, kind: 'pelvic-mass' }],
    risks: [{ date: yearsAgo(1), kind: 'anticoagulant', drugClass: 'dabigatran' }],
  }),
  chart(30, { symptoms: [{ date: TODAY, kind: 'heavy-bleeding' }], vitals: [{ date: TODAY, kind: 'systolic', value: 85 }] }),
  chart(29, {
    pregnancyEvidence: [{ date: monthsAgo(6), kind: 'status-pregnant' }],
    pregnancyEnded: [{ date: weeksAgo(4), kind: 'delivery' }],
  }),
];
// R2-13: a UK card never reads as a US card with a UK sentence, and the reverse. Checked over patients
// who between them fire every rule; the data-gap lines are the facts library's text.
const US_WORDS =
  /\bCBC\b|911|\bED\b|emergency department|L&D|labor\b|\bPap\b|gynecolog|hemorrhage|type and screen|hemodynamic|anemic|\bestrogen|gonorrhea\b|\bprevia\b|\btumor\b/;
const UK_WORDS =
  /A&E|\bFBC\b|999|group and save|gynaecolog|haemorrhage|labour|haemodynamic|gonorrhoea|oestrogen|\bsmear\b|2-week wait|praevia|tumour/;

describe.each([
  ['UK', UK_PARAMETERS, US_WORDS],
  ['US', US_PARAMETERS, UK_WORDS],
] as const)('R2-13: %s cards use only their own words', (_name, p, foreign) => {
  const cards = patients.flatMap((r) => {
    const facts = deriveFacts(r, p);
    return toCards(evaluatePostcoitalBleeding(facts, p), { patientId: 'x', facts, terminology: defaultTerminology });
  });

  it('the patients fire every rule', () => {
    const fired = new Set(cards.flatMap((c) => c.extension?.['org.pcb-cds.rules'] as string[]));
    expect(RULE_IDS.filter((id) => !fired.has(id))).toEqual([]);
  });

  it.each(patients.map((_, i) => i))('patient %i: no word of the other jurisdiction in summary or advice', (i) => {
    const facts = deriveFacts(patients[i], p);
    for (const c of toCards(evaluatePostcoitalBleeding(facts, p), { patientId: 'x', facts, terminology: defaultTerminology })) {
      const words = `${c.summary}\n${c.detail}`.split('**Sources**')[0].split('**Data gaps**')[0];
      expect(words).not.toMatch(foreign);
    }
  });
});
