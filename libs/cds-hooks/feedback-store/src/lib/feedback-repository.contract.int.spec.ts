import type { Card, FeedbackEntry, IssuedCards } from '@pcb-cds/cds-hooks-model';
import type { StoreKind, StoreUnderTest } from '../testing/stores-under-test';
import { postgresStore, sqliteStore } from '../testing/stores-under-test';
import { findTestPostgres } from '../testing/test-postgres';
import { createFeedbackRepository } from './create-feedback-repository';
import { DurableCardLedger } from './durable-card.ledger';
import { DurableFeedbackSink } from './durable-feedback.sink';
import type { FeedbackRepository } from './feedback.repository';
import { feedbackReport } from './feedback-report';
import { FeedbackStoreClosedError } from './feedback-store.error';
import { hashPatientId } from './patient-hash';
import { PostgresFeedbackRepository } from './postgres-feedback.repository';
import { runFeedbackReport } from './run-feedback-report';
import { SqliteFeedbackRepository } from './sqlite-feedback.repository';

// ONE contract, run on every adapter: they must behave identically.

const postgres = findTestPostgres();
if (postgres.skipReason !== undefined) {
  console.warn(`Postgres half of the feedback-store contract SKIPPED (registered as skipped tests): ${postgres.skipReason}`);
}
const kinds: StoreKind[] = [sqliteStore(), postgresStore(postgres)];

const SALT = 'contract-test-salt-0123456789';
const PATIENT = 'patient-RAW-ID-7f3c9a';
const INJECTION = `x'); DROP TABLE cds_feedback; DROP TABLE cds_issued_card; --`;
const RECEIVED = new Date('2026-11-22T10:00:05.000Z');

function card(uuid: string | undefined, rules: string[], indicator: Card['indicator'] = 'warning'): Card {
  return {
    ...(uuid ? { uuid } : {}),
    summary: `card ${uuid ?? '(no uuid)'}`,
    indicator,
    source: { label: 'Guideline' },
    extension: { 'org.pcb-cds.rules': rules },
  };
}

function issued(cards: Card[], patientId = PATIENT, hookInstance = 'hook-1'): IssuedCards {
  return { serviceId: 'pcb-evaluation', hookInstance, patientId, cards, issuedAt: '2026-11-22T09:59:00.000Z' };
}

function accepted(cardUuid: string, at: string, suggestions = ['s-1']): FeedbackEntry {
  return { card: cardUuid, outcome: 'accepted', acceptedSuggestions: suggestions.map((id) => ({ id })), outcomeTimestamp: at };
}

function overridden(cardUuid: string, at: string, code?: string, display?: string, userComment?: string): FeedbackEntry {
  return {
    card: cardUuid,
    outcome: 'overridden',
    overrideReason: {
      ...(code ? { reason: { system: 'http://pcb-cds.org/fhir/CodeSystem/override-reasons', code, ...(display ? { display } : {}) } } : {}),
      ...(userComment ? { userComment } : {}),
    },
    outcomeTimestamp: at,
  };
}

describe.each(kinds)('FeedbackRepository contract: $kind', (kind) => {
  // Without a Postgres server (off CI) its half is registered as skipped, so the count shows it.
  const test = kind.skipReason === undefined ? it : it.skip;

  let store: StoreUnderTest;
  const opened: FeedbackRepository[] = [];

  function open(): FeedbackRepository {
    const repository = createFeedbackRepository(store.config);
    opened.push(repository);
    return repository;
  }

  beforeEach(() => {
    store = kind.create();
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((r) => r.close()));
    await store.dispose();
  });

  test('is the adapter the factory chooses (Postgres when a URL is given)', () => {
    expect(open()).toBeInstanceOf(kind.kind === 'postgres' ? PostgresFeedbackRepository : SqliteFeedbackRepository);
  });

  test('creates its schema twice (and from two instances at once) without harm, keeping the data', async () => {
    const first = open();
    await Promise.all([first.init(), open().init()]);
    await first.init();
    await new DurableFeedbackSink(first).record('svc', [accepted('c-1', '2026-11-22T10:00:00Z')]);
    const second = open();
    await second.init();
    expect(await second.listFeedback()).toHaveLength(1);
    await first.close();
    const third = open();
    await third.init();
    expect(await third.listFeedback()).toHaveLength(1);
  });

  test('acknowledges only flushed writes: WAL + synchronous=FULL, or synchronous_commit=on', async () => {
    const repository = open();
    // The ledger's own batches may skip the fsync (sqlite); feedback written after them must not.
    await new DurableCardLedger(repository, { patientHashSalt: SALT }).recordIssued(issued([card('c-durable', ['PCB-10'], 'info')]));
    if (repository instanceof SqliteFeedbackRepository) {
      expect(repository.durabilitySettings()).toEqual({ journalMode: 'wal', synchronous: 'FULL' });
    } else {
      expect(await (repository as PostgresFeedbackRepository).durabilitySettings()).toEqual({ synchronousCommit: 'on', fsync: 'on' });
    }
    expect(repository.describe()).not.toMatch(/password|:\/\//);
  });

  test('records issued cards: service, hookInstance, salted patient hash, rule ids, indicator, time; first write wins', async () => {
    const repository = open();
    const ledger = new DurableCardLedger(repository, { patientHashSalt: SALT });
    await ledger.recordIssued(
      issued([card('c-1', ['PCB-10', 'PCB-12', 'PCB-10'], 'critical'), card(undefined, ['PCB-99']), card('c-2', [], 'info')]),
    );
    await ledger.recordIssued(issued([card('c-1', ['PCB-40'], 'info')], 'someone-else', 'hook-2'));

    expect(await repository.findIssuedCard('c-1')).toEqual({
      cardUuid: 'c-1',
      serviceId: 'pcb-evaluation',
      hookInstance: 'hook-1',
      patientHash: hashPatientId(PATIENT, SALT),
      ruleIds: ['PCB-10', 'PCB-12'],
      indicator: 'critical',
      issuedAt: '2026-11-22T09:59:00.000Z',
    });
    expect((await repository.findIssuedCard('c-2'))?.ruleIds).toEqual([]);
    expect(await repository.findIssuedCard('unknown')).toBeUndefined();
    expect((await repository.statistics()).cardsIssued).toBe(2); // the card without a uuid is not stored
  });

  test('stores a rule id listed twice once, in first-seen order, so its feedback counts once (whoever calls)', async () => {
    const repository = open();
    const patientHash = hashPatientId(PATIENT, SALT);
    await repository.recordIssuedCards([
      {
        cardUuid: 'c-1',
        serviceId: 's',
        hookInstance: 'h',
        patientHash,
        ruleIds: ['PCB-12', 'PCB-10', 'PCB-12'],
        indicator: 'info',
        issuedAt: RECEIVED.toISOString(),
      },
    ]);
    await new DurableFeedbackSink(repository).record('s', [accepted('c-1', '2026-11-22T10:00:00Z')]);
    expect((await repository.findIssuedCard('c-1'))?.ruleIds).toEqual(['PCB-12', 'PCB-10']);
    expect((await repository.statistics()).rules).toEqual([
      { ruleId: 'PCB-10', cardsIssued: 1, feedback: 1, accepted: 1, overridden: 0 },
      { ruleId: 'PCB-12', cardsIssued: 1, feedback: 1, accepted: 1, overridden: 0 },
    ]);
  });

  test('stores each (card, outcome, outcomeTimestamp) once, however often it is posted', async () => {
    const repository = open();
    const sink = new DurableFeedbackSink(repository, { clock: () => RECEIVED });
    const entry = overridden('c-1', '2026-11-22T10:00:00Z', 'done-elsewhere', 'Done elsewhere', 'seen at the clinic');
    await sink.record('pcb-evaluation', [entry, entry]);
    await sink.record('pcb-evaluation', [entry]);
    expect(await repository.recordFeedback([])).toBe(0);
    expect(await repository.listFeedback()).toEqual([
      {
        cardUuid: 'c-1',
        serviceId: 'pcb-evaluation',
        outcome: 'overridden',
        acceptedSuggestionIds: [],
        overrideReason: {
          system: 'http://pcb-cds.org/fhir/CodeSystem/override-reasons',
          code: 'done-elsewhere',
          display: 'Done elsewhere',
          userComment: 'seen at the clinic',
        },
        outcomeTimestamp: '2026-11-22T10:00:00Z',
        receivedAt: RECEIVED.toISOString(),
      },
    ]);
    // Another timestamp or outcome is another entry.
    await sink.record('pcb-evaluation', [
      { ...entry, outcomeTimestamp: '2026-11-22T10:00:01Z' },
      accepted('c-1', '2026-11-22T10:00:00Z', ['s-1', 's-2']),
    ]);
    const stored = await repository.listFeedback({ cardUuid: 'c-1' });
    expect(stored.map((f) => [f.outcome, f.outcomeTimestamp, f.acceptedSuggestionIds])).toEqual([
      ['overridden', '2026-11-22T10:00:00Z', []],
      ['overridden', '2026-11-22T10:00:01Z', []],
      ['accepted', '2026-11-22T10:00:00Z', ['s-1', 's-2']],
    ]);
  });

  test('counts only new entries', async () => {
    const repository = open();
    const record = (entries: FeedbackEntry[]): Promise<number> =>
      repository.recordFeedback(
        entries.map((e) => ({
          cardUuid: e.card,
          serviceId: 's',
          outcome: e.outcome,
          acceptedSuggestionIds: [],
          outcomeTimestamp: e.outcomeTimestamp,
          receivedAt: RECEIVED.toISOString(),
        })),
      );
    expect(await record([overridden('a', '2026-01-01T00:00:00Z'), overridden('b', '2026-01-01T00:00:00Z')])).toBe(2);
    expect(await record([overridden('a', '2026-01-01T00:00:00Z'), overridden('c', '2026-01-01T00:00:00Z')])).toBe(1);
  });

  test('stores feedback on a card the ledger never saw, not tied to any rule', async () => {
    const repository = open();
    await new DurableCardLedger(repository, { patientHashSalt: SALT }).recordIssued(issued([card('known', ['PCB-10'])]));
    await new DurableFeedbackSink(repository).record('pcb-evaluation', [
      overridden('never-issued', '2026-11-22T10:00:00Z', 'done-elsewhere'),
    ]);
    expect((await repository.listFeedback()).map((f) => f.cardUuid)).toEqual(['never-issued']);
    const stats = await repository.statistics();
    expect(stats).toMatchObject({ cardsIssued: 1, feedback: 1, feedbackOnUnknownCards: 1 });
    expect(stats.rules).toEqual([{ ruleId: 'PCB-10', cardsIssued: 1, feedback: 0, accepted: 0, overridden: 0 }]);
  });

  test('reports per rule: cards, feedback, accepted, overridden, rates and top override reasons', async () => {
    const repository = open();
    const ledger = new DurableCardLedger(repository, { patientHashSalt: SALT });
    await ledger.recordIssued(issued([card('c1', ['PCB-10', 'PCB-12']), card('c2', ['PCB-10']), card('c3', ['PCB-20'], 'critical')]));
    await ledger.recordIssued(
      issued([card('c4', ['PCB-12'], 'info'), card('c5', ['PCB-10']), card('c6', ['PCB-10'])], 'other-patient', 'hook-2'),
    );
    await new DurableFeedbackSink(repository).record('pcb-evaluation', [
      overridden('c1', '2026-11-22T10:00:00Z', 'done-elsewhere', 'Done elsewhere'),
      accepted('c1', '2026-11-22T10:05:00Z'),
      overridden('c2', '2026-11-22T10:00:00Z', 'done-elsewhere', 'Done elsewhere'),
      overridden('c5', '2026-11-22T10:00:00Z', 'patient-declined', 'Patient declined'),
      overridden('c6', '2026-11-22T10:00:00Z', undefined, undefined, 'comment only'),
      accepted('c3', '2026-11-22T10:00:00Z'),
      overridden('u1', '2026-11-22T10:00:00Z', 'done-elsewhere', 'Done elsewhere'),
    ]);

    expect(await feedbackReport(repository)).toEqual({
      cardsIssued: 6,
      feedback: 7,
      feedbackOnUnknownCards: 1,
      rules: [
        {
          ruleId: 'PCB-10',
          cardsIssued: 4,
          feedback: 5,
          accepted: 1,
          overridden: 4,
          acceptanceRate: 0.2,
          overrideRate: 0.8,
          topOverrideReasons: [
            { system: 'http://pcb-cds.org/fhir/CodeSystem/override-reasons', code: 'done-elsewhere', display: 'Done elsewhere', count: 2 },
            { count: 1 },
            {
              system: 'http://pcb-cds.org/fhir/CodeSystem/override-reasons',
              code: 'patient-declined',
              display: 'Patient declined',
              count: 1,
            },
          ],
        },
        {
          ruleId: 'PCB-12',
          cardsIssued: 2,
          feedback: 2,
          accepted: 1,
          overridden: 1,
          acceptanceRate: 0.5,
          overrideRate: 0.5,
          topOverrideReasons: [
            { system: 'http://pcb-cds.org/fhir/CodeSystem/override-reasons', code: 'done-elsewhere', display: 'Done elsewhere', count: 1 },
          ],
        },
        {
          ruleId: 'PCB-20',
          cardsIssued: 1,
          feedback: 1,
          accepted: 1,
          overridden: 0,
          acceptanceRate: 1,
          overrideRate: 0,
          topOverrideReasons: [],
        },
      ],
    });

    await repository.close();
    const text = await runFeedbackReport(store.config);
    expect(text).toContain(`Source: ${kind.kind === 'sqlite' ? 'SQLite' : 'Postgres 127.0.0.1:5432/test schema feedback_test_'}`);
    expect(text).toContain('6 cards issued, 7 feedback entries (1 on cards not in the ledger, not tied to rules).');
    expect(text).toContain(
      '| PCB-10 | 4 | 5 | 1 | 4 | 20% | 80% | done-elsewhere "Done elsewhere" ×2; (no coded reason) ×1; patient-declined "Patient declined" ×1 |',
    );
    expect(text).toContain('| PCB-20 | 1 | 1 | 1 | 0 | 100% | 0% | — |');
    expect(text).not.toContain('comment only');
  });

  test('stores the patient only as an HMAC under the secret salt, never the raw id (every stored byte scanned)', async () => {
    const repository = open();
    await new DurableCardLedger(repository, { patientHashSalt: SALT }).recordIssued(issued([card('c-1', ['PCB-10'])]));
    await new DurableCardLedger(repository, { patientHashSalt: SALT }).recordIssued(issued([card('c-2', ['PCB-10'])], PATIENT, 'hook-2'));
    await new DurableCardLedger(repository, { patientHashSalt: 'another-salt-0123456789' }).recordIssued(issued([card('c-3', ['PCB-10'])]));
    await new DurableFeedbackSink(repository).record('pcb-evaluation', [
      overridden('c-1', '2026-11-22T10:00:00Z', undefined, undefined, 'COMMENT-MARKER-41d2'),
    ]);

    const [c1, c2, c3] = await Promise.all(['c-1', 'c-2', 'c-3'].map((id) => repository.findIssuedCard(id)));
    expect(c1?.patientHash).toBe(hashPatientId(PATIENT, SALT));
    expect(c2?.patientHash).toBe(c1?.patientHash); // same patient, same salt: linkable
    expect(c3?.patientHash).not.toBe(c1?.patientHash); // another salt: another hash
    expect(c1?.patientHash).toMatch(/^[0-9a-f]{64}$/);

    await repository.close();
    const bytes = await store.rawContents();
    expect(bytes.includes(Buffer.from('COMMENT-MARKER-41d2'))).toBe(true); // the scan does see stored text
    expect(bytes.includes(Buffer.from(c1?.patientHash ?? '-'))).toBe(true);
    expect(bytes.includes(Buffer.from(PATIENT))).toBe(false);
    expect(bytes.includes(Buffer.from('7f3c9a'))).toBe(false);
  });

  test('binds every value as a parameter: SQL in ids, rule ids and comments round-trips harmlessly', async () => {
    const repository = open();
    await new DurableCardLedger(repository, { patientHashSalt: SALT }).recordIssued(
      issued([card(INJECTION, [INJECTION, 'PCB-10'])], INJECTION, INJECTION),
    );
    const entry = overridden(INJECTION, INJECTION, INJECTION, INJECTION, INJECTION);
    await new DurableFeedbackSink(repository).record(INJECTION, [entry, accepted(INJECTION, '2026-11-22T10:00:00Z', [INJECTION])]);

    expect(await repository.findIssuedCard(INJECTION)).toMatchObject({
      cardUuid: INJECTION,
      hookInstance: INJECTION,
      ruleIds: [INJECTION, 'PCB-10'],
      patientHash: hashPatientId(INJECTION, SALT),
    });
    const stored = await repository.listFeedback({ cardUuid: INJECTION });
    expect(
      stored.map((f) => [
        f.serviceId,
        f.outcomeTimestamp,
        f.overrideReason?.userComment,
        f.overrideReason?.display,
        f.acceptedSuggestionIds,
      ]),
    ).toEqual([
      [INJECTION, INJECTION, INJECTION, INJECTION, []],
      [INJECTION, '2026-11-22T10:00:00Z', undefined, undefined, [INJECTION]],
    ]);
    const report = await feedbackReport(repository);
    expect(report.rules.map((r) => [r.ruleId, r.feedback])).toEqual([
      ['PCB-10', 2],
      [INJECTION, 2],
    ]);
  });

  test('closes idempotently; a closed repository refuses work', async () => {
    const repository = open();
    await repository.init();
    await repository.close();
    await repository.close();
    await expect(repository.listFeedback()).rejects.toThrow(FeedbackStoreClosedError);
    await expect(new DurableFeedbackSink(repository).record('s', [accepted('c', '2026-11-22T10:00:00Z')])).rejects.toMatchObject({
      status: 503,
    });
  });
});
