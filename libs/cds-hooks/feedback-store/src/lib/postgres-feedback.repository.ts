import type { PoolClient } from 'pg';
import { Pool } from 'pg';
import type { GovernanceStatistics, HeldBackCardRecord, RememberedFeedback, ReportPeriod } from './card-memory-records';
import type { GovernanceCountRow, GovernanceFeedbackRow, RecallRow } from './card-memory-queries';
import {
  governanceSql,
  HELD_BACK_COLUMNS,
  heldBackValues,
  periodParams,
  postgresDialect,
  recallParams,
  recallSql,
  toGovernanceRows,
  toRemembered,
} from './card-memory-queries';
import { HELD_BACK_TABLE, migratePostgresCardMemory } from './card-memory-schema';
import { ATTRIBUTION_COLUMNS, migratePostgresFeedbackAttribution } from './feedback-attribution';
import type { FeedbackRecord, FeedbackStatistics, IssuedCardRecord } from './feedback-records';
import { FeedbackRepository } from './feedback.repository';
import { FeedbackStoreClosedError } from './feedback-store.error';
import type { FeedbackRow, FeedbackValues, IssuedCardRow, ReasonCountRow, RuleCountsRow, TotalsRow } from './feedback-rows';
import {
  FEEDBACK_COLUMNS,
  feedbackValues,
  POSTGRES_RULE_ROWS,
  ruleIdsJson,
  statisticsSql,
  toFeedback,
  toIssuedCard,
  toStatistics,
} from './feedback-rows';
import { LEGACY_TABLES, TABLES } from './feedback-tables';

export interface PostgresFeedbackRepositoryOptions {
  /** e.g. `postgres://user:password@host:5432/db` (DATABASE_URL). */
  connectionString: string;
  /** Schema holding the tables; created if missing (unless `public`). Default `public`. */
  schema?: string;
  /** Pool size; default 10. */
  maxConnections?: number;
  /** How long to wait for a connection before a write fails; default 5000 ms. */
  connectionTimeoutMs?: number;
  /**
   * Errors of idle pooled connections (e.g. the server restarted). They must be handled or Node exits; the
   * next query reconnects or fails on its own. Default: ignored.
   */
  onPoolError?: (error: Error) => void;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * node-postgres Pool. Every statement is parameterised (the only interpolated names are the fixed table
 * names and a schema name checked against IDENTIFIER). Each session runs with `synchronous_commit = on`,
 * so a COMMIT that returned is flushed to the WAL whatever the server's default.
 */
export class PostgresFeedbackRepository extends FeedbackRepository {
  readonly schema: string;
  private readonly location: string;
  private readonly pool: Pool;
  private readonly t: { issuedCard: string; feedback: string };
  private ready?: Promise<void>;
  private closed = false;

  constructor(options: PostgresFeedbackRepositoryOptions) {
    super();
    this.schema = options.schema ?? 'public';
    if (!IDENTIFIER.test(this.schema)) {
      throw new Error(`invalid Postgres schema name "${this.schema}" (lower-case letters, digits, _)`);
    }
    this.location = safeLocation(options.connectionString);
    this.t = { issuedCard: this.qualified(TABLES.issuedCard), feedback: this.qualified(TABLES.feedback) };
    this.pool = new Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 5000,
      options: '-c synchronous_commit=on',
    });
    const onPoolError = options.onPoolError ?? ((): void => undefined);
    this.pool.on('error', onPoolError);
  }

  /** Creates (or migrates) the schema once per repository (retried after a failure); other calls wait for it. */
  init(): Promise<void> {
    if (this.closed) {
      return Promise.reject(new FeedbackStoreClosedError());
    }
    this.ready ??= this.createSchema().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  async recordIssuedCards(cards: readonly IssuedCardRecord[]): Promise<void> {
    await this.init();
    if (cards.length === 0) {
      return;
    }
    // One statement, so atomic (a uuid already stored is kept), which also attributes the feedback that arrived
    // before its card (see feedback-attribution.ts). Rule ids travel as JSON text: unnest cannot take an array
    // of arrays of different lengths.
    await this.pool.query(
      `WITH inserted AS (
         INSERT INTO ${this.t.issuedCard} (card_uuid, service_id, hook_instance, patient_hash, indicator, issued_at, rule_ids, evidence_hash, jurisdiction, urgency)
         SELECT card_uuid, service_id, hook_instance, patient_hash, indicator, issued_at, rule_ids::jsonb, evidence_hash, jurisdiction, urgency
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::text[], $9::text[], $10::text[])
           AS u (card_uuid, service_id, hook_instance, patient_hash, indicator, issued_at, rule_ids, evidence_hash, jurisdiction, urgency)
         ON CONFLICT (card_uuid) DO NOTHING
         RETURNING card_uuid, patient_hash, service_id)
       UPDATE ${this.t.feedback} AS f SET card_patient_hash = i.patient_hash, card_service_id = i.service_id
       FROM inserted AS i
       WHERE f.card_patient_hash IS NULL AND f.card_uuid = i.card_uuid`,
      [
        cards.map((c) => c.cardUuid),
        cards.map((c) => c.serviceId),
        cards.map((c) => c.hookInstance),
        cards.map((c) => c.patientHash),
        cards.map((c) => c.indicator),
        cards.map((c) => c.issuedAt),
        cards.map(ruleIdsJson),
        cards.map((c) => c.evidenceHash ?? null),
        cards.map((c) => c.jurisdiction ?? null),
        cards.map((c) => c.urgency ?? null),
      ],
    );
  }

  async recordFeedback(entries: readonly FeedbackRecord[]): Promise<number> {
    await this.init();
    if (entries.length === 0) {
      return 0;
    }
    const rows = entries.map(feedbackValues);
    const column = (i: number): FeedbackValues[number][] => rows.map((row) => row[i]);
    const types = ['text', 'text', 'text', 'jsonb', 'text', 'text', 'text', 'text', 'text', 'timestamptz'];
    const names = FEEDBACK_COLUMNS.join(', ');
    // Attributed from the card when the ledger has it (see feedback-attribution.ts).
    const result = await this.pool.query(
      `INSERT INTO ${this.t.feedback} (${names}, ${ATTRIBUTION_COLUMNS.join(', ')})
       SELECT ${FEEDBACK_COLUMNS.map((name) => `u.${name}`).join(', ')}, c.patient_hash, c.service_id
       FROM unnest(${types.map((type, i) => `$${i + 1}::${type}[]`).join(', ')}) WITH ORDINALITY AS u (${names}, n)
         LEFT JOIN ${this.t.issuedCard} AS c ON c.card_uuid = u.card_uuid
       ORDER BY u.n
       ON CONFLICT (card_uuid, outcome, outcome_timestamp) DO NOTHING`,
      FEEDBACK_COLUMNS.map((_name, i) => column(i)),
    );
    return result.rowCount ?? 0;
  }

  async findIssuedCard(cardUuid: string): Promise<IssuedCardRecord | undefined> {
    await this.init();
    const card = await this.pool.query<IssuedCardRow>(`SELECT * FROM ${this.t.issuedCard} WHERE card_uuid = $1`, [cardUuid]);
    return card.rows.length === 0 ? undefined : toIssuedCard(card.rows[0]);
  }

  async listFeedback(filter: { cardUuid?: string } = {}): Promise<FeedbackRecord[]> {
    await this.init();
    const result =
      filter.cardUuid === undefined
        ? await this.pool.query<FeedbackRow>(`SELECT * FROM ${this.t.feedback} ORDER BY id`)
        : await this.pool.query<FeedbackRow>(`SELECT * FROM ${this.t.feedback} WHERE card_uuid = $1 ORDER BY id`, [filter.cardUuid]);
    return result.rows.map(toFeedback);
  }

  async statistics(): Promise<FeedbackStatistics> {
    await this.init();
    const sql = statisticsSql(this.t, POSTGRES_RULE_ROWS);
    // One snapshot for the three queries.
    return this.transaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', async (client) => {
      const totals = await client.query<TotalsRow>(sql.totals);
      const rules = await client.query<RuleCountsRow>(sql.rules);
      const reasons = await client.query<ReasonCountRow>(sql.reasons);
      return toStatistics(totals.rows[0], rules.rows, reasons.rows);
    });
  }

  async recallFeedback(query: { patientHash: string; serviceId: string; since: string }): Promise<RememberedFeedback[]> {
    await this.init();
    const result = await this.pool.query<RecallRow>(recallSql(postgresDialect(this.schema)), recallParams(query));
    return result.rows.map(toRemembered);
  }

  async recordHeldBack(cards: readonly HeldBackCardRecord[]): Promise<void> {
    await this.init();
    if (cards.length === 0) {
      return;
    }
    const rows = cards.map(heldBackValues);
    // Rule ids travel as JSON text (unnest cannot take an array of arrays of different lengths).
    await this.pool.query(
      `INSERT INTO "${this.schema}"."${HELD_BACK_TABLE}" (${HELD_BACK_COLUMNS.join(', ')})
       SELECT service_id, patient_hash, rule_ids::jsonb, jurisdiction, reason_code, held_at, held_until
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[])
         AS u (${HELD_BACK_COLUMNS.join(', ')})`,
      HELD_BACK_COLUMNS.map((_name, i) => rows.map((row) => row[i])),
    );
  }

  async governanceStatistics(period: ReportPeriod): Promise<GovernanceStatistics> {
    await this.init();
    const sql = governanceSql(postgresDialect(this.schema));
    const params = periodParams(period);
    return this.transaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', async (client) => ({
      period,
      rows: toGovernanceRows(
        (await client.query<GovernanceCountRow>(sql.shown, params)).rows,
        (await client.query<GovernanceFeedbackRow>(sql.feedback, params)).rows,
        (await client.query<GovernanceCountRow>(sql.heldBack, params)).rows,
      ),
    }));
  }

  /** What makes writes durable, as the server reports it for this repository's sessions. */
  async durabilitySettings(): Promise<{ synchronousCommit: string; fsync: string }> {
    await this.init();
    const result = await this.pool.query<{ synchronous_commit: string; fsync: string }>(
      `SELECT current_setting('synchronous_commit') AS synchronous_commit, current_setting('fsync') AS fsync`,
    );
    return { synchronousCommit: result.rows[0].synchronous_commit, fsync: result.rows[0].fsync };
  }

  async ping(): Promise<void> {
    if (this.closed) {
      throw new FeedbackStoreClosedError();
    }
    await this.pool.query('SELECT 1');
  }

  /** For logs and the report: host, database and schema, never the user's password. */
  describe(): string {
    return `Postgres ${this.location} schema ${this.schema}`;
  }

  async close(): Promise<void> {
    if (this.closed) {
      return;
    }
    this.closed = true;
    await this.pool.end();
  }

  private async createSchema(): Promise<void> {
    await this.transaction('BEGIN', async (client) => {
      // Serialises concurrent start-ups: CREATE … IF NOT EXISTS alone can race on the catalog.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`pcb-cds-feedback-store:${this.schema}`]);
      if (this.schema !== 'public') {
        await client.query(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
      }
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.t.issuedCard} (
          card_uuid     TEXT PRIMARY KEY,
          service_id    TEXT NOT NULL,
          hook_instance TEXT NOT NULL,
          patient_hash  TEXT NOT NULL,
          indicator     TEXT NOT NULL,
          issued_at     TIMESTAMPTZ NOT NULL,
          rule_ids      JSONB NOT NULL DEFAULT '[]'::jsonb
        );
        CREATE TABLE IF NOT EXISTS ${this.t.feedback} (
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
        );`);
      await this.moveLegacyRuleIdsOntoCards(client);
      await migratePostgresCardMemory(client, this.schema);
      await migratePostgresFeedbackAttribution(client, this.schema);
    });
  }

  /**
   * A schema created before rule ids moved onto the card row: adds `rule_ids`, fills it from the legacy rule
   * table in position order and drops that table (with its index). Runs in createSchema's transaction, under
   * its lock, so it is atomic and happens once however many instances start.
   */
  private async moveLegacyRuleIdsOntoCards(client: PoolClient): Promise<void> {
    // Looked up first rather than ADD COLUMN IF NOT EXISTS, which takes an exclusive lock on the card table
    // (waiting for every running ledger write and report) even when it has nothing to do.
    const ruleIdsColumn = await client.query(
      `SELECT 1 FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 AND column_name = 'rule_ids'`,
      [this.schema, TABLES.issuedCard],
    );
    if (ruleIdsColumn.rows.length === 0) {
      await client.query(`ALTER TABLE ${this.t.issuedCard} ADD COLUMN rule_ids JSONB NOT NULL DEFAULT '[]'::jsonb`);
    }
    const legacy = this.qualified(LEGACY_TABLES.issuedCardRule);
    const found = await client.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [legacy]);
    if (!found.rows[0].present) {
      return;
    }
    await client.query(
      `UPDATE ${this.t.issuedCard} AS c SET rule_ids = r.rule_ids
       FROM (SELECT card_uuid, jsonb_agg(rule_id ORDER BY position) AS rule_ids FROM ${legacy} GROUP BY card_uuid) AS r
       WHERE r.card_uuid = c.card_uuid`,
    );
    await client.query(`DROP TABLE ${legacy}`);
  }

  private qualified(table: string): string {
    return `"${this.schema}"."${table}"`;
  }

  private async transaction<T>(begin: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query(begin);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A connection that cannot even roll back is discarded rather than returned to the pool.
      broken = await client.query('ROLLBACK').then(
        () => false,
        () => true,
      );
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

function safeLocation(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${url.hostname || 'localhost'}:${url.port || '5432'}${url.pathname || '/'}`;
  } catch {
    return '(connection string)';
  }
}
