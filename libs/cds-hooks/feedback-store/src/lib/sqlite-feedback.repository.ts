import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { GovernanceStatistics, HeldBackCardRecord, RememberedFeedback, ReportPeriod } from './card-memory-records';
import type { GovernanceCountRow, GovernanceFeedbackRow, RecallRow } from './card-memory-queries';
import {
  governanceSql,
  HELD_BACK_COLUMNS,
  heldBackValues,
  periodParams,
  recallParams,
  recallSql,
  SQLITE_DIALECT,
  toGovernanceRows,
  toRemembered,
} from './card-memory-queries';
import { HELD_BACK_TABLE, migrateSqliteCardMemory } from './card-memory-schema';
import {
  ATTRIBUTION_COLUMNS,
  migrateSqliteFeedbackAttribution,
  SQLITE_ATTRIBUTE_WAITING_FEEDBACK,
  SQLITE_CARD_ATTRIBUTION,
} from './feedback-attribution';
import type { FeedbackRecord, FeedbackStatistics, IssuedCardRecord } from './feedback-records';
import { FeedbackRepository } from './feedback.repository';
import { FeedbackStoreClosedError } from './feedback-store.error';
import type { FeedbackRow, IssuedCardRow, ReasonCountRow, RuleCountsRow, TotalsRow } from './feedback-rows';
import {
  FEEDBACK_COLUMNS,
  feedbackValues,
  ruleIdsJson,
  SQLITE_RULE_ROWS,
  statisticsSql,
  toFeedback,
  toIssuedCard,
  toStatistics,
} from './feedback-rows';
import { LEGACY_TABLES, TABLES } from './feedback-tables';

/** Relative to the working directory. */
export const DEFAULT_SQLITE_PATH = 'data/feedback.sqlite';

export interface SqliteFeedbackRepositoryOptions {
  /** The database file; default `data/feedback.sqlite` (relative to the working directory). */
  path?: string;
  /** How long a write waits for another process holding the lock; default 5000 ms. */
  busyTimeoutMs?: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS ${TABLES.issuedCard} (
  card_uuid     TEXT PRIMARY KEY,
  service_id    TEXT NOT NULL,
  hook_instance TEXT NOT NULL,
  patient_hash  TEXT NOT NULL,
  indicator     TEXT NOT NULL,
  issued_at     TEXT NOT NULL,
  rule_ids      TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS ${TABLES.feedback} (
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
);
`;

/**
 * better-sqlite3 on a database file: WAL journal with `synchronous=FULL`, so a write that returned has been
 * fsynced and survives the process being killed (or the machine losing power). Opening creates the
 * directory and the schema, or migrates an older schema. Calls are synchronous underneath; the promises
 * resolve after the commit.
 */
export class SqliteFeedbackRepository extends FeedbackRepository {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly insertCard: Database.Statement;
  private readonly insertFeedback: Database.Statement;
  private readonly cardAttribution: Database.Statement;
  private readonly attributeWaitingFeedback: Database.Statement;
  // Asked on every hook call (card memory): prepared once, as a statement per call cost more than the query.
  private readonly recall: Database.Statement;

  constructor(options: SqliteFeedbackRepositoryOptions = {}) {
    super();
    this.path = resolve(options.path ?? DEFAULT_SQLITE_PATH);
    mkdirSync(dirname(this.path), { recursive: true });
    this.db = new Database(this.path);
    try {
      this.db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
      const mode = this.db.pragma('journal_mode = WAL', { simple: true });
      if (String(mode).toLowerCase() !== 'wal') {
        throw new Error(`SQLite refused WAL mode for ${this.path} (got ${String(mode)})`);
      }
      this.db.pragma('synchronous = FULL');
      this.db.pragma('foreign_keys = ON');
      // IMMEDIATE: a second process opening the same old file waits for the migration instead of failing on it.
      this.db
        .transaction((): void => {
          this.db.exec(SCHEMA);
          moveLegacyRuleIdsOntoCards(this.db);
          migrateSqliteCardMemory(this.db);
          migrateSqliteFeedbackAttribution(this.db);
        })
        .immediate();
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.insertCard = this.db.prepare(
      `INSERT INTO ${TABLES.issuedCard} (card_uuid, service_id, hook_instance, patient_hash, indicator, issued_at, rule_ids, evidence_hash, jurisdiction, urgency)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (card_uuid) DO NOTHING`,
    );
    const feedbackColumns = [...FEEDBACK_COLUMNS, ...ATTRIBUTION_COLUMNS];
    this.insertFeedback = this.db.prepare(
      `INSERT INTO ${TABLES.feedback} (${feedbackColumns.join(', ')})
       VALUES (${feedbackColumns.map(() => '?').join(', ')})
       ON CONFLICT (card_uuid, outcome, outcome_timestamp) DO NOTHING`,
    );
    this.cardAttribution = this.db.prepare(SQLITE_CARD_ATTRIBUTION);
    this.attributeWaitingFeedback = this.db.prepare(SQLITE_ATTRIBUTE_WAITING_FEEDBACK);
    this.recall = this.db.prepare(recallSql(SQLITE_DIALECT));
  }

  /** The schema is created (or migrated) on open. */
  async init(): Promise<void> {
    this.checkOpen();
  }

  /**
   * Committed without waiting for the disk (synchronous NORMAL, for this transaction only): an fsync per batch
   * blocked the event loop and cost ~10% of a hook call's CPU. In WAL mode that is still safe from a process
   * crash; an OS crash or power loss may lose the newest ledger batches, which the ledger already accepts for a
   * crash (its buffering window). Feedback stays FULL, and its commit makes every earlier ledger row durable.
   * IMMEDIATE, as the feedback write is: another process's feedback write is either wholly before (and is
   * attributed here) or wholly after (and finds the card).
   */
  async recordIssuedCards(cards: readonly IssuedCardRecord[]): Promise<void> {
    this.checkOpen();
    this.db.pragma('synchronous = NORMAL');
    try {
      this.db
        .transaction((): void => {
          for (const card of cards) {
            this.insertCard.run(
              card.cardUuid,
              card.serviceId,
              card.hookInstance,
              card.patientHash,
              card.indicator,
              card.issuedAt,
              ruleIdsJson(card),
              card.evidenceHash ?? null,
              card.jurisdiction ?? null,
              card.urgency ?? null,
            );
          }
          this.attributeWaitingFeedback.run(JSON.stringify(cards.map((card) => card.cardUuid)));
        })
        .immediate();
    } finally {
      this.db.pragma('synchronous = FULL');
    }
  }

  async recordFeedback(entries: readonly FeedbackRecord[]): Promise<number> {
    this.checkOpen();
    return this.db
      .transaction((): number =>
        entries.reduce((n, entry) => {
          const card = this.cardAttribution.get(entry.cardUuid) as { patient_hash: string; service_id: string } | undefined;
          return n + this.insertFeedback.run(...feedbackValues(entry), card?.patient_hash ?? null, card?.service_id ?? null).changes;
        }, 0),
      )
      .immediate();
  }

  async findIssuedCard(cardUuid: string): Promise<IssuedCardRecord | undefined> {
    this.checkOpen();
    const row = this.db.prepare(`SELECT * FROM ${TABLES.issuedCard} WHERE card_uuid = ?`).get(cardUuid) as IssuedCardRow | undefined;
    return row === undefined ? undefined : toIssuedCard(row);
  }

  async listFeedback(filter: { cardUuid?: string } = {}): Promise<FeedbackRecord[]> {
    this.checkOpen();
    const rows = (
      filter.cardUuid === undefined
        ? this.db.prepare(`SELECT * FROM ${TABLES.feedback} ORDER BY id`).all()
        : this.db.prepare(`SELECT * FROM ${TABLES.feedback} WHERE card_uuid = ? ORDER BY id`).all(filter.cardUuid)
    ) as FeedbackRow[];
    return rows.map(toFeedback);
  }

  async statistics(): Promise<FeedbackStatistics> {
    this.checkOpen();
    const sql = statisticsSql(TABLES, SQLITE_RULE_ROWS);
    // One read transaction: the three queries see the same snapshot.
    return this.db.transaction(
      (): FeedbackStatistics =>
        toStatistics(
          this.db.prepare(sql.totals).get() as TotalsRow,
          this.db.prepare(sql.rules).all() as RuleCountsRow[],
          this.db.prepare(sql.reasons).all() as ReasonCountRow[],
        ),
    )();
  }

  async recallFeedback(query: { patientHash: string; serviceId: string; since: string }): Promise<RememberedFeedback[]> {
    this.checkOpen();
    const rows = this.recall.all(...recallParams(query)) as RecallRow[];
    return rows.map(toRemembered);
  }

  async recordHeldBack(cards: readonly HeldBackCardRecord[]): Promise<void> {
    this.checkOpen();
    const insert = this.db.prepare(
      `INSERT INTO ${HELD_BACK_TABLE} (${HELD_BACK_COLUMNS.join(', ')}) VALUES (${HELD_BACK_COLUMNS.map(() => '?').join(', ')})`,
    );
    this.db.transaction((): void => {
      for (const card of cards) {
        insert.run(...heldBackValues(card));
      }
    })();
  }

  async governanceStatistics(period: ReportPeriod): Promise<GovernanceStatistics> {
    this.checkOpen();
    const sql = governanceSql(SQLITE_DIALECT);
    const params = periodParams(period);
    return this.db.transaction(
      (): GovernanceStatistics => ({
        period,
        rows: toGovernanceRows(
          this.db.prepare(sql.shown).all(...params) as GovernanceCountRow[],
          this.db.prepare(sql.feedback).all(...params) as GovernanceFeedbackRow[],
          this.db.prepare(sql.heldBack).all(...params) as GovernanceCountRow[],
        ),
      }),
    )();
  }

  /** What makes writes durable, as the database reports it (for tests and start-up diagnostics). */
  durabilitySettings(): { journalMode: string; synchronous: string } {
    this.checkOpen();
    const synchronous = Number(this.db.pragma('synchronous', { simple: true }));
    const names = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];
    return {
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: names[synchronous] ?? String(synchronous),
    };
  }

  /** For logs and the report: the file, nothing secret. */
  async ping(): Promise<void> {
    this.checkOpen();
    this.db.prepare('SELECT 1').get();
  }

  describe(): string {
    return `SQLite ${this.path}`;
  }

  async close(): Promise<void> {
    if (this.db.open) {
      this.db.close();
    }
  }

  private checkOpen(): void {
    if (!this.db.open) {
      throw new FeedbackStoreClosedError();
    }
  }
}

/**
 * A database created before rule ids moved onto the card row: adds `rule_ids`, fills it from the legacy rule
 * table in position order and drops that table (with its index). On a current database it only reads the
 * catalog. Runs inside the opening transaction, so a failure leaves the old schema whole.
 */
function moveLegacyRuleIdsOntoCards(db: Database.Database): void {
  const columns = db.pragma(`table_info(${TABLES.issuedCard})`) as Array<{ name: string }>;
  if (!columns.some((column) => column.name === 'rule_ids')) {
    db.exec(`ALTER TABLE ${TABLES.issuedCard} ADD COLUMN rule_ids TEXT NOT NULL DEFAULT '[]'`);
  }
  const legacy = LEGACY_TABLES.issuedCardRule;
  if (db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(legacy) === undefined) {
    return;
  }
  db.exec(`
    UPDATE ${TABLES.issuedCard} AS c SET rule_ids = r.rule_ids
    FROM (SELECT card_uuid, json_group_array(rule_id ORDER BY position) AS rule_ids FROM ${legacy} GROUP BY card_uuid) AS r
    WHERE r.card_uuid = c.card_uuid;
    DROP TABLE ${legacy};
  `);
}
