import type { ServiceRequest } from 'fhir/r4';
import type { Card } from '@pcb-cds/cds-hooks-model';
import type { PatientRecord } from '@pcb-cds/postcoital-bleeding-facts';
import { deriveFacts, US_PARAMETERS } from '@pcb-cds/postcoital-bleeding-facts';
import { chart, monthsAgo, TODAY, yearsAgo } from '@pcb-cds/postcoital-bleeding-facts/testing';
import { evaluatePostcoitalBleeding } from '@pcb-cds/postcoital-bleeding-rules';
import { defaultTerminology } from '@pcb-cds/postcoital-bleeding-terminology';
import { RULES_EXTENSION, toCards } from './to-cards';

const cardsFor = (record: PatientRecord): { cards: Card[]; fired: string[] } => {
  const facts = deriveFacts(record, US_PARAMETERS);
  const recs = evaluatePostcoitalBleeding(facts, US_PARAMETERS);
  return {
    cards: toCards(recs, { patientId: 'p1', encounterId: 'e1', facts, terminology: defaultTerminology }),
    fired: recs.map((r) => r.ruleId),
  };
};
const rulesOf = (c: Card): string[] => c.extension?.[RULES_EXTENSION] as string[];
const pregnant = (weeks: number): Partial<PatientRecord> => ({
  pregnancyEvidence: [{ date: TODAY, kind: 'status-pregnant' }],
  gestationalAge: [{ date: TODAY, weeks }],
});

describe('card contract', () => {
  const scenarios: [string, PatientRecord][] = [
    ['routine work-up (V06)', chart(35)],
    ['overdue screening + persistent PCB (V07)', chart(45, { pcb: [{ date: monthsAgo(2), source: 'condition' }], cytology: [{ date: yearsAgo(4), result: 'NILM' }] })],
    ['pregnant 30 weeks, RhD negative (V21)', chart(22, { ...pregnant(30), rhD: [{ date: TODAY, value: 'negative' }] })],
    ['heavy bleeding, SBP 85 (V47)', chart(30, { symptoms: [{ date: TODAY, kind: 'heavy-bleeding' }], vitals: [{ date: TODAY, kind: 'systolic', value: 85 }] })],
    ['HSIL awaiting colposcopy (V11)', chart(29, { cytology: [{ date: monthsAgo(3), result: 'HSIL' }] })],
  ];

  it.each(scenarios)('%s: the union of card rules is exactly the rules that fired', (_name, record) => {
    const { cards, fired } = cardsFor(record);
    expect(cards.flatMap(rulesOf).sort()).toEqual([...fired].sort());
    expect(cards.flatMap(rulesOf)).not.toContain('PCB-00');
  });

  it.each(scenarios)('%s: summaries ≤139 chars, most urgent first, selectionBehavior with suggestions', (_name, record) => {
    const { cards } = cardsFor(record);
    const rank = { critical: 0, warning: 1, info: 2 };
    expect(cards.map((c) => rank[c.indicator])).toEqual([...cards.map((c) => rank[c.indicator])].sort());
    for (const c of cards) {
      expect(c.summary.length).toBeLessThanOrEqual(139);
      expect(c.source.label).toBeTruthy();
      expect(c.source.url).toMatch(/^https?:\/\//);
      if (c.suggestions?.length) {
        expect(c.selectionBehavior).toBe('any');
      }
      if (c.indicator !== 'info') {
        expect(c.overrideReasons?.every((r) => r.display)).toBe(true);
      }
    }
  });

  it.each(scenarios)('%s: each order suggested once, as a draft ServiceRequest with LOINC/SNOMED and an ICD-10-CM reason', (_name, record) => {
    const { cards } = cardsFor(record);
    const resources = cards.flatMap((c) => c.suggestions ?? []).flatMap((s) => s.actions ?? []).map((a) => a.resource as unknown as ServiceRequest);
    const codes = resources.map((r) => r.code?.coding?.[0].code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const r of resources) {
      expect(r).toMatchObject({ resourceType: 'ServiceRequest', status: 'draft', intent: 'proposal', subject: { reference: 'Patient/p1' }, encounter: { reference: 'Encounter/e1' } });
      expect(r.reasonCode?.[0].coding?.[0]).toMatchObject({ system: 'http://hl7.org/fhir/sid/icd-10-cm' });
      expect(['http://loinc.org', 'http://snomed.info/sct', 'http://pcb-cds.org/fhir/CodeSystem/pcb-facts']).toContain(r.code?.coding?.[0].system);
      expect(r.priority).toBeDefined();
    }
  });
});

describe('card content', () => {
  it('routine items share one info card; a referral gets its own warning card', () => {
    const { cards } = cardsFor(chart(45, { pcb: [{ date: monthsAgo(2), source: 'condition' }], cytology: [{ date: yearsAgo(4), result: 'NILM' }] }));
    expect(cards.map((c) => [c.indicator, rulesOf(c)])).toEqual([
      ['warning', ['PCB-15']],
      ['info', ['PCB-02', 'PCB-10', 'PCB-11', 'PCB-13', 'PCB-14']],
    ]);
  });

  it('says which facts with dates the advice rests on, and the data gaps', () => {
    const { cards } = cardsFor(chart(45, { cytology: [{ date: '2021-03-02', result: 'NILM' }] }));
    const detail = cards[cards.length - 1].detail ?? '';
    expect(detail).toContain('Last cervical cytology NILM on 2021-03-02, 5.7 years ago');
    expect(detail).toContain('not current');
    expect(detail).toContain('**Data gaps**');
    expect(detail).toContain('No chlamydia/gonorrhoea NAAT on record');
    expect(detail).toContain('**Sources**');
  });

  it('urgent cards start with URGENT:, emergencies are critical', () => {
    const hsil = cardsFor(chart(29, { cytology: [{ date: monthsAgo(3), result: 'HSIL' }] })).cards;
    expect(hsil[0]).toMatchObject({ indicator: 'warning' });
    expect(hsil[0].summary.startsWith('URGENT: ')).toBe(true);
    const late = cardsFor(chart(31, { ...pregnant(30), rhD: [{ date: TODAY, value: 'positive' }], cytology: [{ date: yearsAgo(1), result: 'NILM' }], stiTests: [{ date: monthsAgo(1), organism: 'ct-ng', result: 'negative' }] })).cards;
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({ indicator: 'critical' });
    expect(late[0].overrideReasons?.map((r) => r.code)).toContain('obstetric-team-assessing-today');
  });

  it('states a pregnancy known only from its gestational-age record once, not twice', () => {
    const [card] = cardsFor(chart(31, { gestationalAge: [{ date: TODAY, weeks: 30 }], rhD: [{ date: TODAY, value: 'positive' }], cytology: [{ date: yearsAgo(1), result: 'NILM' }], stiTests: [{ date: monthsAgo(1), organism: 'ct-ng', result: 'negative' }] })).cards;
    expect(card.detail).toContain(`- Pregnancy: pregnant \\(gestational age 30 wk recorded on ${TODAY}\\), now 30 weeks (${TODAY})\n`);
  });

  it('never suggests an order the patient already has active, and says so', () => {
    const { cards } = cardsFor(chart(35, { activeOrders: [{ date: TODAY, kind: 'ct-ng-naat' }] }));
    const codes = cards.flatMap((c) => c.suggestions ?? []).map((s) => s.label);
    expect(codes.some((l) => l.includes('Chlamydia'))).toBe(false);
    expect(cards.map((c) => c.detail).join('\n')).toContain('Already ordered');
  });

  it('escapes markdown that comes from the record', () => {
    const { cards } = cardsFor(chart(50, { lastMenstrualPeriod: [{ date: TODAY, value: monthsAgo(1) }], risks: [{ date: TODAY, kind: 'anticoagulant', display: '<img src=x onerror=alert(1)>' }] }));
    const detail = cards.map((c) => c.detail).join('\n');
    expect(detail).not.toMatch(/(^|[^\\])<img/);
    expect(detail).toContain('\\<img');
  });

  it('gate closed → no cards', () => {
    expect(cardsFor(chart(30, { pcb: [] })).cards).toEqual([]);
  });
});
