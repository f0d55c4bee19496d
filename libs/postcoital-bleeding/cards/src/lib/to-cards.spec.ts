import type { ServiceRequest } from 'fhir/r4';
import type { Card } from '@pcb-cds/cds-hooks-model';
import type { PatientRecord } from '@pcb-cds/postcoital-bleeding-facts';
import { deriveFacts, US_PARAMETERS } from '@pcb-cds/postcoital-bleeding-facts';
import { chart, monthsAgo, TODAY, yearsAgo } from '@pcb-cds/postcoital-bleeding-facts/testing';
import { CITATIONS, evaluatePostcoitalBleeding } from '@pcb-cds/postcoital-bleeding-rules';
import { defaultTerminology } from '@pcb-cds/postcoital-bleeding-terminology';
import { RULES_EXTENSION, toCards, TRACE_EXTENSION } from './to-cards';

const cardsFor = (record: PatientRecord): { cards: Card[]; fired: string[] } => {
  const facts = deriveFacts(record, US_PARAMETERS);
  const recs = evaluatePostcoitalBleeding(facts, US_PARAMETERS);
  return {
    cards: toCards(recs, { patientId: 'p1', encounterId: 'e1', facts, terminology: defaultTerminology }),
    fired: recs.map((r) => r.ruleId),
  };
};

const rulesOf = (c: Card): string[] => c.extension?.[RULES_EXTENSION] as string[];
const canonical = new Set(Object.values(CITATIONS).flatMap((c) => ('url' in c ? [c.url] : [])));

const pregnant = (weeks: number): Partial<PatientRecord> => ({
  pregnancyEvidence: [{ date: TODAY, kind: 'status-pregnant' }],
  gestationalAge: [{ date: TODAY, weeks }],
});

describe('card contract', () => {
  const scenarios: [string, PatientRecord][] = [
    ['routine work-up (V06)', chart(35)],
    [
      'overdue screening + persistent PCB (V07)',
      chart(45, { pcb: [{ date: monthsAgo(2), source: 'condition' }], cytology: [{ date: yearsAgo(4), result: 'NILM' }] }),
    ],
    ['pregnant 30 weeks, RhD negative (V21)', chart(22, { ...pregnant(30), rhD: [{ date: TODAY, value: 'negative' }] })],
    [
      'heavy bleeding, SBP 85 (V47)',
      chart(30, { symptoms: [{ date: TODAY, kind: 'heavy-bleeding' }], vitals: [{ date: TODAY, kind: 'systolic', value: 85 }] }),
    ],
    ['HSIL awaiting colposcopy (V11)', chart(29, { cytology: [{ date: monthsAgo(3), result: 'HSIL' }] })],
  ];

  it.each(scenarios)('%s: the union of card rules is exactly the rules that fired', (_name, record) => {
    const { cards, fired } = cardsFor(record);
    expect(cards.flatMap(rulesOf).sort()).toEqual([...fired].sort());
    expect(cards.flatMap(rulesOf)).not.toContain('PCB-00');
  });

  it.each(scenarios)('%s: summaries under 140 chars, most urgent first, selectionBehavior with suggestions', (_name, record) => {
    const { cards } = cardsFor(record);
    const rank = { critical: 0, warning: 1, info: 2 };
    expect(cards.map((c) => rank[c.indicator])).toEqual([...cards.map((c) => rank[c.indicator])].sort());
    for (const c of cards) {
      expect(c.summary.length).toBeLessThan(140);
      expect(c.source.label).toBeTruthy();
      if (c.suggestions?.length) {
        expect(c.selectionBehavior).toBe('any');
      }
      if (c.indicator !== 'info') {
        expect(c.overrideReasons?.every((r) => r.display)).toBe(true);
      }
    }
  });

  it.each(scenarios)(
    '%s: at most 3 sources, linked only to canonical pages; no file names, no specification, no rule ids in text',
    (_name, record) => {
      for (const c of cardsFor(record).cards) {
        expect((c.links ?? []).length).toBeLessThanOrEqual(3);
        for (const link of c.links ?? []) {
          expect(canonical).toContain(link.url);
        }
        if (c.source.url) {
          expect(canonical).toContain(c.source.url);
        }
        const text = `${c.summary}\n${c.detail}\n${c.source.label}`;
        expect(text).not.toMatch(/\.txt|pcb-guideline|PCB-\d\d|scribd|docslib|readkong/);
        expect((c.detail ?? '').match(/^- /gm)?.length ?? 0).toBeGreaterThan(0);
        const sources = (c.detail ?? '').split('**Sources**')[1] ?? '';
        expect(sources.trim().split('\n').length).toBeLessThanOrEqual(3);
        expect(JSON.stringify({ ...c, extension: { ...c.extension, [RULES_EXTENSION]: undefined } })).not.toMatch(/PCB-\d\d/);
        expect(c.extension?.[TRACE_EXTENSION]).toEqual(
          expect.arrayContaining([expect.objectContaining({ specification: expect.stringContaining('pcb-guideline.md rev 2 §2') })]),
        );
      }
    },
  );

  it.each(scenarios)('%s: each order suggested once, as a draft ServiceRequest with a reason', (_name, record) => {
    const { cards } = cardsFor(record);
    const resources = cards
      .flatMap((c) => c.suggestions ?? [])
      .flatMap((s) => s.actions ?? [])
      .map((a) => a.resource as unknown as ServiceRequest);
    const codes = resources.map((r) => r.code?.coding?.[0].code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const r of resources) {
      expect(r).toMatchObject({
        resourceType: 'ServiceRequest',
        status: 'draft',
        intent: 'proposal',
        subject: { reference: 'Patient/p1' },
        encounter: { reference: 'Encounter/e1' },
      });
      expect(r.reasonCode?.length).toBeGreaterThan(0);
      expect(r.priority).toBeDefined();
    }
  });

  it.each(scenarios)('%s: each data gap shown once across the cards', (_name, record) => {
    const { cards } = cardsFor(record);
    const gaps = cards.flatMap((c) => (c.detail ?? '').split('**Data gaps**')[1]?.split('\n\n')[0].trim().split('\n') ?? []);
    expect(new Set(gaps).size).toBe(gaps.length);
  });
});

describe('card layout', () => {
  it('routine items share one info card; a referral gets its own warning card', () => {
    const { cards } = cardsFor(
      chart(45, { pcb: [{ date: monthsAgo(2), source: 'condition' }], cytology: [{ date: yearsAgo(4), result: 'NILM' }] }),
    );
    expect(cards.map((c) => [c.indicator, rulesOf(c)])).toEqual([
      ['warning', ['PCB-15']],
      ['info', ['PCB-02', 'PCB-10', 'PCB-11', 'PCB-13', 'PCB-14']],
    ]);
  });

  it('the work-up card leads with how long she has bled, then the steps', () => {
    const [card] = cardsFor(chart(35)).cards;
    expect(card.summary).toBe(
      'Postcoital bleeding for 1 week — work-up: find the last screen; history + exam; Pap + hrHPV; chlamydia/gonorrhea NAAT; urine hCG',
    );
  });

  it('writes each fact with one date and how long ago', () => {
    const { cards } = cardsFor(chart(29, { cytology: [{ date: monthsAgo(3), result: 'HSIL' }] }));
    expect(cards[0].detail).toContain(`- Abnormal result: cytology HSIL (${monthsAgo(3)}, 3 months ago)`);
  });

  it('never suggests an order the patient already has active, and says so', () => {
    const { cards } = cardsFor(chart(35, { activeOrders: [{ date: TODAY, kind: 'ct-ng-naat' }] }));
    const labels = cards.flatMap((c) => c.suggestions ?? []).map((s) => s.label);
    expect(labels.some((l) => l.includes('Chlamydia'))).toBe(false);
    expect(cards.map((c) => c.detail).join('\n')).toContain('Already ordered');
  });

  it('escapes markdown that comes from the record', () => {
    const { cards } = cardsFor(
      chart(50, {
        lastMenstrualPeriod: [{ date: TODAY, value: monthsAgo(1) }],
        risks: [{ date: TODAY, kind: 'anticoagulant', display: '<img src=x onerror=alert(1)>' }],
      }),
    );
    const detail = cards.map((c) => c.detail).join('\n');
    expect(detail).not.toMatch(/(^|[^\\])<img/);
    expect(detail).toContain('\\<img');
  });

  it('gate closed → no cards', () => {
    expect(cardsFor(chart(30, { pcb: [] })).cards).toEqual([]);
  });
});
