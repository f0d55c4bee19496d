import type { Card, FeedbackEntry, IssuedCards } from '@pcb-cds/cds-hooks-model';
import type { StoreKind, StoreUnderTest } from '../testing/stores-under-test';
import { postgresStore, sqliteStore } from '../testing/stores-under-test';
import { findTestPostgres } from '../testing/test-postgres';
import { CARD_MEMORY_EXTENSION } from './card-memory-key';
import type { CardMemoryPolicy } from './card-memory-policy';
import type { RememberedFeedback } from './card-memory-records';
import { createFeedbackRepository } from './create-feedback-repository';
import { DurableCardLedger } from './durable-card.ledger';
import { DurableCardMemory } from './durable-card.memory';
import { DurableFeedbackSink } from './durable-feedback.sink';
import { ATTRIBUTION_INDEXES } from './feedback-attribution';
import type { FeedbackRepository } from './feedback.repository';
import { hashPatientId } from './patient-hash';

// Recall finds feedback by the patient and service copied onto it from its card (feedback-attribution.ts).
// Whenever that copy is missing or late, recall must still find exactly the feedback the card join finds.

const postgres = findTestPostgres();
const kinds: StoreKind[] = [sqliteStore(), postgresStore(postgres)];

const SALT = 'attribution-test-salt-0123456789';
const PATIENT = 'patient-attribution-1';
const PATIENT_HASH = hashPatientId(PATIENT, SALT);
const OTHER_HASH = hashPatientId('patient-attribution-2', SALT);
const SERVICE = 'pcb-evaluation';
const POLICY: CardMemoryPolicy = {
  overrideReasonDays: { 'done-elsewhere': 30 },
  acceptedSuggestionDays: 14,
  neverHiddenUrgencies: ['urgent'],
};
const DAY = 86_400_000;
const T0 = Date.parse('2026-11-01T09:00:00.000Z');
const at = (days: number): string => new Date(T0 + days * DAY).toISOString();
const REASONS = 'http://pcb-cds.org/fhir/CodeSystem/override-reasons';

function card(uuid: string, rules: string[], evidenceHash: string): Card {
  return {
    uuid,
    summary: `card ${uuid}`,
    indicator: 'info',
    source: { label: 'Guideline' },
    extension: { 'org.pcb-cds.rules': rules, [CARD_MEMORY_EXTENSION]: { evidenceHash, urgency: 'routine', jurisdiction: 'UK' } },
  };
}

function issued(cards: Card[], day: number): IssuedCards {
  return { serviceId: SERVICE, hookInstance: `hook-${day}`, patientId: PATIENT, cards, issuedAt: at(day) };
}

const doneElsewhere = (cardUuid: string): FeedbackEntry => ({
  card: cardUuid,
  outcome: 'overridden',
  overrideReason: { reason: { system: REASONS, code: 'done-elsewhere', display: 'Done elsewhere' } },
  outcomeTimestamp: '2026-11-01T09:05:00Z',
});

interface AttributionRow {
  card_uuid: string;
  card_patient_hash: string | null;
  card_service_id: string | null;
}

describe.each(kinds)('feedback attributed to its card for recall: $kind', (kind) => {
  const test = kind.skipReason === undefined ? it : it.skip;
  let store: StoreUnderTest;
  let repository: FeedbackRepository;

  beforeEach(async () => {
    store = kind.create();
    repository = createFeedbackRepository(store.config);
    await repository.init();
  });

  afterEach(async () => {
    await repository.close();
    await store.dispose();
  });

  async function reopen(): Promise<void> {
    await repository.close();
    repository = createFeedbackRepository(store.config);
    await repository.init();
  }

  /** Memory first, then the ledger records what was shown (as the protocol layer does): the uuids shown. */
  async function open(cards: Card[], day: number): Promise<Array<string | undefined>> {
    const recalled = await new DurableCardMemory(repository, { patientHashSalt: SALT, policy: POLICY }).recall(issued(cards, day));
    await new DurableCardLedger(repository, { patientHashSalt: SALT }).recordIssued(issued(recalled.cards, day));
    return recalled.cards.map((c) => c.uuid);
  }

  async function feedback(day: number, entries: FeedbackEntry[]): Promise<void> {
    await new DurableFeedbackSink(repository, { clock: () => new Date(T0 + day * DAY + 60_000) }).record(SERVICE, entries);
  }

  const attribution = (): Promise<AttributionRow[]> =>
    store.query<AttributionRow>('SELECT card_uuid, card_patient_hash, card_service_id FROM cds_feedback ORDER BY id');

  test('feedback recorded before its card reaches the ledger is recalled once the card lands, and is attributed then', async () => {
    await feedback(0, [doneElsewhere('a-1')]);
    expect(await attribution()).toEqual([{ card_uuid: 'a-1', card_patient_hash: null, card_service_id: null }]);

    await new DurableCardLedger(repository, { patientHashSalt: SALT }).recordIssued(issued([card('a-1', ['PCB-10'], 'ev-1')], 0));

    expect(await attribution()).toEqual([{ card_uuid: 'a-1', card_patient_hash: PATIENT_HASH, card_service_id: SERVICE }]);
    expect(await open([card('a-2', ['PCB-10'], 'ev-1')], 1)).toEqual([]);
  });

  test('feedback whose card landed without attributing it (writes that did not see each other) is recalled, and attributed on the next open', async () => {
    await feedback(0, [doneElsewhere('b-1')]);
    // The card written behind the repository's back: the state two concurrent PostgreSQL writes can leave.
    await store.runSql(`INSERT INTO cds_issued_card (card_uuid, service_id, hook_instance, patient_hash, indicator, issued_at, rule_ids,
        evidence_hash, jurisdiction, urgency)
      VALUES ('b-1', '${SERVICE}', 'hook-0', '${PATIENT_HASH}', 'info', '${at(0)}', '["PCB-10"]', 'ev-1', 'UK', 'routine');`);
    expect(await attribution()).toEqual([{ card_uuid: 'b-1', card_patient_hash: null, card_service_id: null }]);

    expect(await open([card('b-2', ['PCB-10'], 'ev-1')], 1)).toEqual([]);
    expect(await repository.recallFeedback({ patientHash: OTHER_HASH, serviceId: SERVICE, since: at(-1) })).toEqual([]);
    expect(await repository.recallFeedback({ patientHash: PATIENT_HASH, serviceId: 'other-service', since: at(-1) })).toEqual([]);

    await reopen();

    expect(await attribution()).toEqual([{ card_uuid: 'b-1', card_patient_hash: PATIENT_HASH, card_service_id: SERVICE }]);
    expect(await open([card('b-3', ['PCB-10'], 'ev-1')], 2)).toEqual([]);
  });

  test('attribution follows the card, not the service the feedback was posted to; feedback on an unknown card is never recalled', async () => {
    await open([card('c-1', ['PCB-10'], 'ev-1')], 0);
    await new DurableFeedbackSink(repository, { clock: () => new Date(T0 + 60_000) }).record('another-service', [doneElsewhere('c-1')]);
    await feedback(0, [doneElsewhere('c-unknown')]);

    expect(await attribution()).toEqual([
      { card_uuid: 'c-1', card_patient_hash: PATIENT_HASH, card_service_id: SERVICE },
      { card_uuid: 'c-unknown', card_patient_hash: null, card_service_id: null },
    ]);
    expect((await repository.recallFeedback({ patientHash: PATIENT_HASH, serviceId: SERVICE, since: at(-1) })).length).toBe(1);
    expect(await repository.recallFeedback({ patientHash: PATIENT_HASH, serviceId: 'another-service', since: at(-1) })).toEqual([]);
  });

  test('a database from before attribution opens migrated, recalls what the card join recalled, and opens again unchanged', async () => {
    await repository.close();
    await store.dispose();
    store = kind.create();
    await store.runSql(schemaBeforeAttribution(kind.kind) + rowsBeforeAttribution());
    expect(await store.relationNames()).not.toContain(ATTRIBUTION_INDEXES.recall); // the old schema is really there

    repository = createFeedbackRepository(store.config);
    await repository.init();

    const recalled = await repository.recallFeedback({ patientHash: PATIENT_HASH, serviceId: SERVICE, since: at(-5) });
    expect(recalled).toEqual(RECALLED_BEFORE_ATTRIBUTION);
    expect(await attribution()).toEqual([
      { card_uuid: 'm-1', card_patient_hash: PATIENT_HASH, card_service_id: SERVICE },
      { card_uuid: 'm-2', card_patient_hash: PATIENT_HASH, card_service_id: SERVICE },
      { card_uuid: 'm-3', card_patient_hash: OTHER_HASH, card_service_id: SERVICE },
      { card_uuid: 'm-unknown', card_patient_hash: null, card_service_id: null },
      { card_uuid: 'm-1', card_patient_hash: PATIENT_HASH, card_service_id: SERVICE },
    ]);
    const relations = await store.relationNames();
    expect(relations).toEqual(expect.arrayContaining(Object.values(ATTRIBUTION_INDEXES)));
    expect(await open([card('m-4', ['PCB-10'], 'ev-1')], 1)).toEqual([]);
    expect(await open([card('m-5', ['PCB-10'], 'ev-2')], 1)).toEqual(['m-5']);

    await reopen();

    expect(await repository.recallFeedback({ patientHash: PATIENT_HASH, serviceId: SERVICE, since: at(-5) })).toEqual(
      RECALLED_BEFORE_ATTRIBUTION,
    );
    expect(await store.relationNames()).toEqual(relations);
  });
});

/** The schema as it was before feedback carried its card's patient and service (card memory's columns included). */
function schemaBeforeAttribution(kind: StoreKind['kind']): string {
  const instant = kind === 'postgres' ? 'TIMESTAMPTZ' : 'TEXT';
  const json = kind === 'postgres' ? 'JSONB' : 'TEXT';
  const id = kind === 'postgres' ? 'BIGSERIAL PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT';
  return `
    CREATE TABLE cds_issued_card (
      card_uuid TEXT PRIMARY KEY, service_id TEXT NOT NULL, hook_instance TEXT NOT NULL, patient_hash TEXT NOT NULL,
      indicator TEXT NOT NULL, issued_at ${instant} NOT NULL, rule_ids ${json} NOT NULL DEFAULT '[]',
      evidence_hash TEXT, jurisdiction TEXT, urgency TEXT);
    CREATE INDEX cds_issued_card_patient ON cds_issued_card (patient_hash, service_id);
    CREATE TABLE cds_feedback (
      id ${id}, card_uuid TEXT NOT NULL, service_id TEXT NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'overridden')), accepted_suggestion_ids ${json} NOT NULL,
      reason_system TEXT, reason_code TEXT, reason_display TEXT, user_comment TEXT, outcome_timestamp TEXT NOT NULL,
      received_at ${instant} NOT NULL, UNIQUE (card_uuid, outcome, outcome_timestamp));`;
}

/** Two cards of the patient, one of another patient; feedback on each, on an unknown card, and from before `since`. */
function rowsBeforeAttribution(): string {
  return `
    INSERT INTO cds_issued_card (card_uuid, service_id, hook_instance, patient_hash, indicator, issued_at, rule_ids, evidence_hash, jurisdiction, urgency) VALUES
      ('m-1', '${SERVICE}', 'hook-0', '${PATIENT_HASH}', 'info', '${at(-3)}', '["PCB-10"]', 'ev-1', 'UK', 'routine'),
      ('m-2', '${SERVICE}', 'hook-0', '${PATIENT_HASH}', 'info', '${at(-3)}', '["PCB-16"]', NULL, NULL, NULL),
      ('m-3', '${SERVICE}', 'hook-0', '${OTHER_HASH}', 'info', '${at(-3)}', '["PCB-10"]', 'ev-1', 'UK', 'routine');
    INSERT INTO cds_feedback (card_uuid, service_id, outcome, accepted_suggestion_ids, reason_system, reason_code, reason_display,
        user_comment, outcome_timestamp, received_at) VALUES
      ('m-1', '${SERVICE}', 'overridden', '[]', '${REASONS}', 'done-elsewhere', 'Done elsewhere', NULL, '2026-11-01T09:05:00Z', '${at(0)}'),
      ('m-2', '${SERVICE}', 'accepted', '["s-1"]', NULL, NULL, NULL, NULL, '2026-10-29T09:05:00Z', '${at(-2)}'),
      ('m-3', '${SERVICE}', 'overridden', '[]', '${REASONS}', 'done-elsewhere', 'Done elsewhere', NULL, '2026-11-01T09:05:00Z', '${at(0)}'),
      ('m-unknown', '${SERVICE}', 'accepted', '[]', NULL, NULL, NULL, NULL, '2026-11-01T09:05:00Z', '${at(0)}'),
      ('m-1', '${SERVICE}', 'accepted', '[]', NULL, NULL, NULL, NULL, '2026-09-20T09:05:00Z', '${at(-40)}');`;
}

/** What the card join recalled from rowsBeforeAttribution since day -5, oldest first (worked out by hand). */
const RECALLED_BEFORE_ATTRIBUTION: RememberedFeedback[] = [
  { ruleIds: ['PCB-16'], outcome: 'accepted', receivedAt: at(-2) },
  {
    ruleIds: ['PCB-10'],
    evidenceHash: 'ev-1',
    outcome: 'overridden',
    reasonCode: 'done-elsewhere',
    reasonDisplay: 'Done elsewhere',
    receivedAt: at(0),
  },
];
