import type { Card, FeedbackEntry, IssuedCards } from '@pcb-cds/cds-hooks-model';
import type { StoreKind, StoreUnderTest } from '../testing/stores-under-test';
import { postgresStore, sqliteStore } from '../testing/stores-under-test';
import { findTestPostgres } from '../testing/test-postgres';
import { CARD_MEMORY_EXTENSION, SUPPRESSED_EXTENSION } from './card-memory-key';
import type { CardMemoryPolicy } from './card-memory-policy';
import { createFeedbackRepository } from './create-feedback-repository';
import { DurableCardLedger } from './durable-card.ledger';
import { DurableCardMemory } from './durable-card.memory';
import type { RecallOutcome } from './durable-card.memory';
import { DurableFeedbackSink } from './durable-feedback.sink';
import type { FeedbackRepository } from './feedback.repository';

// Card memory on every adapter: the same decisions, the same held-back rows, the same governance counts.

const postgres = findTestPostgres();
const kinds: StoreKind[] = [sqliteStore(), postgresStore(postgres)];

const SALT = 'card-memory-test-salt-0123456789';
const PATIENT = 'patient-memory-1';
const POLICY: CardMemoryPolicy = {
  overrideReasonDays: { 'done-elsewhere': 30, 'patient-declined': 90, 'record-incorrect': 0 },
  acceptedSuggestionDays: 14,
  neverHiddenUrgencies: ['urgent', 'emergency', 'immediate'],
};
const DAY = 86_400_000;
const T0 = Date.parse('2026-11-01T09:00:00.000Z');
const at = (days: number): string => new Date(T0 + days * DAY).toISOString();

function card(uuid: string, rules: string[], evidenceHash: string, urgency = 'routine', jurisdiction = 'UK'): Card {
  return {
    uuid,
    summary: `card ${uuid}`,
    indicator: urgency === 'routine' ? 'info' : 'critical',
    source: { label: 'Guideline' },
    detail: 'What to do.',
    extension: { 'org.pcb-cds.rules': rules, [CARD_MEMORY_EXTENSION]: { evidenceHash, urgency, jurisdiction } },
  };
}

function issued(cards: Card[], day: number, patientId = PATIENT): IssuedCards {
  return { serviceId: 'pcb-evaluation', hookInstance: `hook-${day}`, patientId, cards, issuedAt: at(day) };
}

function overridden(cardUuid: string, code: string, display: string): FeedbackEntry {
  return {
    card: cardUuid,
    outcome: 'overridden',
    overrideReason: { reason: { system: 'http://pcb-cds.org/fhir/CodeSystem/override-reasons', code, display } },
    outcomeTimestamp: '2026-11-01T09:05:00Z',
  };
}

describe.each(kinds)('card memory on the feedback store: $kind', (kind) => {
  const test = kind.skipReason === undefined ? it : it.skip;
  let store: StoreUnderTest;
  let repository: FeedbackRepository;
  let outcomes: RecallOutcome[];

  beforeEach(async () => {
    store = kind.create();
    repository = createFeedbackRepository(store.config);
    await repository.init();
    outcomes = [];
  });

  afterEach(async () => {
    await repository.close();
    await store.dispose();
  });

  const memory = (): DurableCardMemory =>
    new DurableCardMemory(repository, { patientHashSalt: SALT, policy: POLICY, onRecalled: (o) => outcomes.push(o) });

  /** A chart open: memory first, then the ledger records what was shown (as the protocol layer does). */
  async function open(cards: Card[], day: number, patientId = PATIENT): Promise<{ cards: Card[]; extension?: Record<string, unknown> }> {
    const recalled = await memory().recall(issued(cards, day, patientId));
    await new DurableCardLedger(repository, { patientHashSalt: SALT }).recordIssued(issued(recalled.cards, day, patientId));
    return recalled;
  }

  async function feedback(day: number, entries: FeedbackEntry[]): Promise<void> {
    await new DurableFeedbackSink(repository, { clock: () => new Date(T0 + day * DAY + 60_000) }).record('pcb-evaluation', entries);
  }

  test('a routine card overridden "done elsewhere" is held back for the same evidence for 30 days, and the response says until when', async () => {
    await open([card('a-1', ['PCB-10'], 'ev-1')], 0);
    await feedback(0, [overridden('a-1', 'done-elsewhere', 'Done elsewhere (outside records)')]);

    const second = await open([card('a-2', ['PCB-10'], 'ev-1')], 1);

    expect(second.cards).toEqual([]);
    expect(second.extension?.[SUPPRESSED_EXTENSION]).toEqual({
      count: 1,
      cards: [
        {
          summary: 'card a-2',
          indicator: 'info',
          rules: ['PCB-10'],
          reason: { code: 'done-elsewhere', display: 'Done elsewhere (outside records)' },
          decidedAt: new Date(T0 + 60_000).toISOString(),
          until: new Date(T0 + 60_000 + 30 * DAY).toISOString(),
        },
      ],
    });
    expect(outcomes[1]).toEqual({
      serviceId: 'pcb-evaluation',
      shown: [],
      heldBack: [{ ruleIds: ['PCB-10'], jurisdiction: 'UK', reasonCode: 'done-elsewhere' }],
    });
    expect((await open([card('a-3', ['PCB-10'], 'ev-1')], 31)).cards.map((c) => c.uuid)).toEqual(['a-3']);
  });

  test('new evidence shows the card again at once; another patient and other rules are not affected', async () => {
    await open([card('b-1', ['PCB-10'], 'ev-1')], 0);
    await feedback(0, [overridden('b-1', 'patient-declined', 'Patient declined')]);

    expect((await open([card('b-2', ['PCB-10'], 'ev-2')], 1)).cards.map((c) => c.uuid)).toEqual(['b-2']);
    expect((await open([card('b-3', ['PCB-10'], 'ev-1')], 1, 'another-patient')).cards.map((c) => c.uuid)).toEqual(['b-3']);
    expect((await open([card('b-4', ['PCB-10', 'PCB-11'], 'ev-1')], 1)).cards.map((c) => c.uuid)).toEqual(['b-4']);
    expect((await open([card('b-5', ['PCB-10'], 'ev-1')], 89)).cards).toEqual([]);
  });

  test('a reason with no window ("record incorrect" at 0 days) holds nothing back', async () => {
    await open([card('c-1', ['PCB-10'], 'ev-1')], 0);
    await feedback(0, [overridden('c-1', 'record-incorrect', 'Patient data in the record is incorrect')]);

    expect((await open([card('c-2', ['PCB-10'], 'ev-1')], 1)).cards.map((c) => c.uuid)).toEqual(['c-2']);
  });

  test('an urgent card overridden before is shown, saying when it was dismissed and why', async () => {
    await open([card('d-1', ['PCB-31'], 'ev-1', 'urgent')], 0);
    await feedback(0, [overridden('d-1', 'done-elsewhere', 'Done elsewhere (outside records)')]);

    const second = await open([card('d-2', ['PCB-31'], 'ev-1', 'urgent')], 2);

    expect(second.cards.map((c) => c.uuid)).toEqual(['d-2']);
    expect(second.cards[0].detail).toBe('What to do.\n\n**Dismissed on 2026-11-01: Done elsewhere (outside records).**');
    expect(second.extension).toBeUndefined();
  });

  test('an accepted suggestion is not suggested again for 14 days, even with new evidence', async () => {
    await open([card('e-1', ['PCB-16'], 'ev-1')], 0);
    await feedback(0, [
      { card: 'e-1', outcome: 'accepted', acceptedSuggestions: [{ id: 's-1' }], outcomeTimestamp: '2026-11-01T09:05:00Z' },
    ]);

    const second = await open([card('e-2', ['PCB-16'], 'ev-2')], 3);
    expect(second.cards).toEqual([]);
    expect((second.extension?.[SUPPRESSED_EXTENSION] as { cards: Array<{ reason: unknown }> }).cards[0].reason).toEqual({
      code: 'accepted',
    });
    expect((await open([card('e-3', ['PCB-16'], 'ev-2')], 15)).cards.map((c) => c.uuid)).toEqual(['e-3']);
  });

  test('governance: per rule and jurisdiction, shown, accepted, overridden by reason and held back, over a period', async () => {
    await open([card('f-1', ['PCB-10'], 'ev-1'), card('f-2', ['PCB-16'], 'ev-1', 'routine', 'US')], 0);
    await feedback(0, [
      overridden('f-1', 'done-elsewhere', 'Done elsewhere'),
      { card: 'f-2', outcome: 'accepted', outcomeTimestamp: '2026-11-01T09:06:00Z' },
    ]);
    await open([card('f-3', ['PCB-10'], 'ev-1'), card('f-4', ['PCB-16'], 'ev-1', 'routine', 'US')], 1);
    await open([card('f-5', ['PCB-10'], 'ev-9')], 40);

    const all = await repository.governanceStatistics({});
    expect(all.rows).toEqual([
      {
        ruleId: 'PCB-10',
        jurisdiction: 'UK',
        shown: 2,
        accepted: 0,
        overridden: 1,
        overriddenByReason: { 'done-elsewhere': 1 },
        heldBack: 1,
      },
      { ruleId: 'PCB-16', jurisdiction: 'US', shown: 1, accepted: 1, overridden: 0, overriddenByReason: {}, heldBack: 1 },
    ]);
    const later = await repository.governanceStatistics({ since: at(2) });
    expect(later.rows).toEqual([
      { ruleId: 'PCB-10', jurisdiction: 'UK', shown: 1, accepted: 0, overridden: 0, overriddenByReason: {}, heldBack: 0 },
    ]);
    const firstDay = await repository.governanceStatistics({ since: at(0), until: at(1) });
    expect(firstDay.rows.map((r) => [r.ruleId, r.shown, r.heldBack])).toEqual([
      ['PCB-10', 1, 0],
      ['PCB-16', 1, 0],
    ]);
  });

  test('a ledger from before card memory opens with the new columns; its cards never count as the same evidence', async () => {
    await repository.close();
    await store.dispose();
    store = kind.create();
    await store.runSql(`
      CREATE TABLE cds_issued_card (card_uuid TEXT PRIMARY KEY, service_id TEXT NOT NULL, hook_instance TEXT NOT NULL,
        patient_hash TEXT NOT NULL, indicator TEXT NOT NULL, issued_at ${kind.kind === 'postgres' ? 'TIMESTAMPTZ' : 'TEXT'} NOT NULL,
        rule_ids ${kind.kind === 'postgres' ? 'JSONB' : 'TEXT'} NOT NULL DEFAULT '[]');`);
    repository = createFeedbackRepository(store.config);
    await repository.init();
    await new DurableCardLedger(repository, { patientHashSalt: SALT }).recordIssued(
      issued([{ ...card('g-1', ['PCB-10'], 'x'), extension: { 'org.pcb-cds.rules': ['PCB-10'] } }], 0),
    );
    await feedback(0, [overridden('g-1', 'done-elsewhere', 'Done elsewhere')]);

    expect((await open([card('g-2', ['PCB-10'], 'ev-1')], 1)).cards.map((c) => c.uuid)).toEqual(['g-2']);
    expect(await repository.findIssuedCard('g-2')).toEqual(
      expect.objectContaining({ evidenceHash: 'ev-1', jurisdiction: 'UK', urgency: 'routine' }),
    );
    expect(await store.relationNames()).toEqual(expect.arrayContaining(['cds_held_back_card', 'cds_issued_card_patient']));
  });
});
