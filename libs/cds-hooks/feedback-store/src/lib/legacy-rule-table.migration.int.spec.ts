import type { StoreKind, StoreUnderTest } from '../testing/stores-under-test';
import { postgresStore, sqliteStore } from '../testing/stores-under-test';
import { findTestPostgres } from '../testing/test-postgres';
import { createFeedbackRepository } from './create-feedback-repository';
import type { FeedbackRepository } from './feedback.repository';
import type { FeedbackStatistics, IssuedCardRecord } from './feedback-records';
import { LEGACY_TABLES } from './feedback-tables';
import type { PatientHash } from './patient-hash';

// Databases created while rule ids had a table of their own must open with their rule ids on the card rows.

const postgres = findTestPostgres();
const kinds: StoreKind[] = [sqliteStore(), postgresStore(postgres)];

/** The schema before rule ids moved onto the card row, as each adapter created it (types differ). */
const LEGACY_SCHEMA: Record<StoreKind['kind'], string> = {
  sqlite: `
    CREATE TABLE cds_issued_card (
      card_uuid     TEXT PRIMARY KEY,
      service_id    TEXT NOT NULL,
      hook_instance TEXT NOT NULL,
      patient_hash  TEXT NOT NULL,
      indicator     TEXT NOT NULL,
      issued_at     TEXT NOT NULL
    );
    CREATE TABLE cds_issued_card_rule (
      card_uuid TEXT NOT NULL REFERENCES cds_issued_card (card_uuid),
      rule_id   TEXT NOT NULL,
      position  INTEGER NOT NULL,
      PRIMARY KEY (card_uuid, rule_id)
    );
    CREATE INDEX cds_issued_card_rule_rule_id ON cds_issued_card_rule (rule_id);
    CREATE TABLE cds_feedback (
      id                      INTEGER PRIMARY KEY AUTOINCREMENT,
      card_uuid               TEXT NOT NULL,
      service_id              TEXT NOT NULL,
      outcome                 TEXT NOT NULL CHECK (outcome IN ('accepted', 'overridden')),
      accepted_suggestion_ids TEXT NOT NULL,
      reason_system           TEXT,
      reason_code             TEXT,
      reason_display          TEXT,
      user_comment            TEXT,
      outcome_timestamp       TEXT NOT NULL,
      received_at             TEXT NOT NULL,
      UNIQUE (card_uuid, outcome, outcome_timestamp)
    );`,
  postgres: `
    CREATE TABLE cds_issued_card (
      card_uuid     TEXT PRIMARY KEY,
      service_id    TEXT NOT NULL,
      hook_instance TEXT NOT NULL,
      patient_hash  TEXT NOT NULL,
      indicator     TEXT NOT NULL,
      issued_at     TIMESTAMPTZ NOT NULL
    );
    CREATE TABLE cds_issued_card_rule (
      card_uuid TEXT NOT NULL REFERENCES cds_issued_card (card_uuid),
      rule_id   TEXT NOT NULL,
      position  INTEGER NOT NULL,
      PRIMARY KEY (card_uuid, rule_id)
    );
    CREATE INDEX cds_issued_card_rule_rule_id ON cds_issued_card_rule (rule_id);
    CREATE TABLE cds_feedback (
      id                      BIGSERIAL PRIMARY KEY,
      card_uuid               TEXT NOT NULL,
      service_id              TEXT NOT NULL,
      outcome                 TEXT NOT NULL CHECK (outcome IN ('accepted', 'overridden')),
      accepted_suggestion_ids JSONB NOT NULL,
      reason_system           TEXT,
      reason_code             TEXT,
      reason_display          TEXT,
      user_comment            TEXT,
      outcome_timestamp       TEXT NOT NULL,
      received_at             TIMESTAMPTZ NOT NULL,
      UNIQUE (card_uuid, outcome, outcome_timestamp)
    );`,
};

const REASONS = 'http://pcb-cds.org/fhir/CodeSystem/override-reasons';
const HASH = 'a'.repeat(64);

// Positions deliberately differ from both the insertion order (30, 10, 20) and the alphabetical one (10, 20, 30).
const LEGACY_ROWS = `
  INSERT INTO cds_issued_card (card_uuid, service_id, hook_instance, patient_hash, indicator, issued_at) VALUES
    ('c-1', 'pcb-evaluation', 'hook-1', '${HASH}', 'warning', '2026-11-22T09:59:00.000Z'),
    ('c-2', 'pcb-evaluation', 'hook-1', '${HASH}', 'info', '2026-11-22T09:59:00.000Z'),
    ('c-3', 'pcb-evaluation', 'hook-2', '${HASH}', 'critical', '2026-11-22T09:59:30.000Z');
  INSERT INTO cds_issued_card_rule (card_uuid, rule_id, position) VALUES
    ('c-1', 'PCB-30', 2), ('c-1', 'PCB-10', 1), ('c-1', 'PCB-20', 0), ('c-2', 'PCB-10', 0);
  INSERT INTO cds_feedback (card_uuid, service_id, outcome, accepted_suggestion_ids, reason_system, reason_code,
      reason_display, user_comment, outcome_timestamp, received_at) VALUES
    ('c-1', 'pcb-evaluation', 'overridden', '[]', '${REASONS}', 'done-elsewhere', 'Done elsewhere', NULL, '2026-11-22T10:00:00Z', '2026-11-22T10:00:05.000Z'),
    ('c-2', 'pcb-evaluation', 'accepted', '["s-1"]', NULL, NULL, NULL, NULL, '2026-11-22T10:00:00Z', '2026-11-22T10:00:05.000Z'),
    ('c-2', 'pcb-evaluation', 'overridden', '[]', '${REASONS}', 'patient-declined', 'Patient declined', NULL, '2026-11-22T10:01:00Z', '2026-11-22T10:01:05.000Z');`;

/** What the per-rule table yielded for LEGACY_ROWS (worked out by hand). */
const LEGACY_STATISTICS: FeedbackStatistics = {
  cardsIssued: 3,
  feedback: 3,
  feedbackOnUnknownCards: 0,
  rules: [
    { ruleId: 'PCB-10', cardsIssued: 2, feedback: 3, accepted: 1, overridden: 2 },
    { ruleId: 'PCB-20', cardsIssued: 1, feedback: 1, accepted: 0, overridden: 1 },
    { ruleId: 'PCB-30', cardsIssued: 1, feedback: 1, accepted: 0, overridden: 1 },
  ],
  overrideReasons: [
    { ruleId: 'PCB-10', system: REASONS, code: 'done-elsewhere', display: 'Done elsewhere', count: 1 },
    { ruleId: 'PCB-10', system: REASONS, code: 'patient-declined', display: 'Patient declined', count: 1 },
    { ruleId: 'PCB-20', system: REASONS, code: 'done-elsewhere', display: 'Done elsewhere', count: 1 },
    { ruleId: 'PCB-30', system: REASONS, code: 'done-elsewhere', display: 'Done elsewhere', count: 1 },
  ],
};

const LEGACY_RELATIONS = [LEGACY_TABLES.issuedCardRule, `${LEGACY_TABLES.issuedCardRule}_rule_id`];

describe.each(kinds)('migration of the per-rule table onto the card row: $kind', (kind) => {
  const test = kind.skipReason === undefined ? it : it.skip;

  let store: StoreUnderTest;
  const opened: FeedbackRepository[] = [];

  async function open(): Promise<FeedbackRepository> {
    const repository = createFeedbackRepository(store.config);
    opened.push(repository);
    await repository.init();
    return repository;
  }

  async function ruleIdsOf(repository: FeedbackRepository): Promise<Record<string, string[] | undefined>> {
    const cards = await Promise.all(['c-1', 'c-2', 'c-3'].map((uuid) => repository.findIssuedCard(uuid)));
    return Object.fromEntries(cards.map((card, i) => [`c-${i + 1}`, card?.ruleIds]));
  }

  beforeEach(() => {
    store = kind.create();
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((r) => r.close()));
    await store.dispose();
  });

  test('a fresh database never has the per-rule table', async () => {
    await open();
    const relations = await store.relationNames();
    expect(relations).toContain('cds_issued_card');
    expect(relations.filter((name) => name.startsWith(LEGACY_TABLES.issuedCardRule))).toEqual([]);
  });

  test('moves each card rule ids onto its row in position order, drops the table and its index, counts as before', async () => {
    await store.runSql(LEGACY_SCHEMA[kind.kind] + LEGACY_ROWS);
    expect(await store.relationNames()).toEqual(expect.arrayContaining(LEGACY_RELATIONS)); // the old schema is really there

    const repository = await open();

    expect(await ruleIdsOf(repository)).toEqual({ 'c-1': ['PCB-20', 'PCB-10', 'PCB-30'], 'c-2': ['PCB-10'], 'c-3': [] });
    expect(await repository.findIssuedCard('c-1')).toEqual({
      cardUuid: 'c-1',
      serviceId: 'pcb-evaluation',
      hookInstance: 'hook-1',
      patientHash: HASH,
      ruleIds: ['PCB-20', 'PCB-10', 'PCB-30'],
      indicator: 'warning',
      issuedAt: '2026-11-22T09:59:00.000Z',
    });
    expect(await repository.statistics()).toEqual(LEGACY_STATISTICS);
    expect(await repository.listFeedback()).toHaveLength(3);
    const relations = await store.relationNames();
    for (const legacy of LEGACY_RELATIONS) {
      expect(relations).not.toContain(legacy);
    }
  });

  test('migrates once: instances opened together, or later, change nothing more', async () => {
    await store.runSql(LEGACY_SCHEMA[kind.kind] + LEGACY_ROWS);
    const [first] = await Promise.all([open(), open()]);
    const written: IssuedCardRecord = {
      cardUuid: 'c-4',
      serviceId: 'pcb-evaluation',
      hookInstance: 'hook-3',
      patientHash: HASH as PatientHash,
      ruleIds: ['PCB-40', 'PCB-10'],
      indicator: 'info',
      issuedAt: '2026-11-22T11:00:00.000Z',
    };
    await first.recordIssuedCards([written]);
    const relationsAfterFirst = await store.relationNames();
    expect(relationsAfterFirst).not.toContain(LEGACY_TABLES.issuedCardRule);
    await first.close();

    const again = await open();

    expect(await ruleIdsOf(again)).toEqual({ 'c-1': ['PCB-20', 'PCB-10', 'PCB-30'], 'c-2': ['PCB-10'], 'c-3': [] });
    expect(await again.findIssuedCard('c-4')).toEqual(written);
    const statistics = await again.statistics();
    expect(statistics.cardsIssued).toBe(4);
    expect(statistics.rules.find((r) => r.ruleId === 'PCB-10')).toEqual({
      ruleId: 'PCB-10',
      cardsIssued: 3,
      feedback: 3,
      accepted: 1,
      overridden: 2,
    });
    expect(statistics.overrideReasons).toEqual(LEGACY_STATISTICS.overrideReasons);
    expect(await store.relationNames()).toEqual(relationsAfterFirst);
  });
});
