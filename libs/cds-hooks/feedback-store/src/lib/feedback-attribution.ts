import type Database from 'better-sqlite3';
import type { PoolClient } from 'pg';
import { TABLES } from './feedback-tables';

// Card memory recalls a patient's feedback on every hook call. Joining from the patient's issued cards costs one
// probe per card ever issued to that patient (tens of thousands on a chart opened all day), however little
// feedback there is. So each feedback row carries the patient hash and service id of the card it answers,
// copied from the card ledger, and recall searches feedback by them directly: its cost follows the patient's
// feedback in the window.
//
// Card rows are never updated, so a copy never goes stale. A row is "unattributed" (both columns NULL) while its
// card is not in the ledger: the ledger writes in batches from a queue, so feedback can arrive first, and
// feedback on a card the ledger never saw stays unattributed. Attribution is filled in at every point where it
// can be known: when the feedback is written (the card is there), when the card lands (the ledger fills in its
// waiting feedback), and on open (rows written by an older version, or left by concurrent PostgreSQL writes that
// did not see each other). Whatever is still unattributed, recall resolves through the card join, over
// unattributed rows in the window only (partial indexes hold just those rows).

export const ATTRIBUTION_COLUMNS = ['card_patient_hash', 'card_service_id'] as const;

export const ATTRIBUTION_INDEXES = {
  /** Recall of attributed feedback. */
  recall: `${TABLES.feedback}_recall`,
  /** Unattributed feedback by card: what the ledger fills in when a card lands. */
  unattributedByCard: `${TABLES.feedback}_unattributed_card`,
  /** Unattributed feedback by time: what recall resolves through the card join. */
  unattributedByTime: `${TABLES.feedback}_unattributed_received`,
} as const;

// Service before patient in the recall index: its prefix then never matches the unattributed rows' NULL
// patient, so SQLite reaches those through the partial index by time rather than scanning every NULL entry.
function indexSql(feedback: string): string {
  return `
    CREATE INDEX IF NOT EXISTS ${ATTRIBUTION_INDEXES.recall} ON ${feedback} (card_service_id, card_patient_hash, received_at);
    CREATE INDEX IF NOT EXISTS ${ATTRIBUTION_INDEXES.unattributedByCard} ON ${feedback} (card_uuid) WHERE card_patient_hash IS NULL;
    CREATE INDEX IF NOT EXISTS ${ATTRIBUTION_INDEXES.unattributedByTime} ON ${feedback} (received_at) WHERE card_patient_hash IS NULL;`;
}

/** Attributes every unattributed row whose card is in the ledger (on open; reads only the unattributed rows). */
function backfillSql(feedback: string, issuedCard: string): string {
  return `UPDATE ${feedback} SET card_patient_hash = c.patient_hash, card_service_id = c.service_id
    FROM ${issuedCard} AS c
    WHERE ${feedback}.card_patient_hash IS NULL AND c.card_uuid = ${feedback}.card_uuid`;
}

/** Adds the columns and indexes if missing and attributes what can be; in the opening transaction. */
export function migrateSqliteFeedbackAttribution(db: Database.Database): void {
  const columns = new Set((db.pragma(`table_info(${TABLES.feedback})`) as Array<{ name: string }>).map((c) => c.name));
  for (const column of ATTRIBUTION_COLUMNS) {
    if (!columns.has(column)) {
      db.exec(`ALTER TABLE ${TABLES.feedback} ADD COLUMN ${column} TEXT`);
    }
  }
  db.exec(indexSql(TABLES.feedback));
  db.exec(backfillSql(TABLES.feedback, TABLES.issuedCard));
}

/** The same, in PostgresFeedbackRepository's schema transaction, under its advisory lock. */
export async function migratePostgresFeedbackAttribution(client: PoolClient, schema: string): Promise<void> {
  const q = (table: string): string => `"${schema}"."${table}"`;
  // Looked up first: ADD COLUMN IF NOT EXISTS would lock the table exclusively even with nothing to add.
  const present = await client.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2`,
    [schema, TABLES.feedback],
  );
  const columns = new Set(present.rows.map((r) => r.column_name));
  for (const column of ATTRIBUTION_COLUMNS) {
    if (!columns.has(column)) {
      await client.query(`ALTER TABLE ${q(TABLES.feedback)} ADD COLUMN ${column} TEXT`);
    }
  }
  await client.query(indexSql(q(TABLES.feedback)));
  await client.query(backfillSql(q(TABLES.feedback), q(TABLES.issuedCard)));
}

/** SQLite: the card's attribution, read in the feedback write's transaction. Params: card uuid. */
export const SQLITE_CARD_ATTRIBUTION = `SELECT patient_hash, service_id FROM ${TABLES.issuedCard} WHERE card_uuid = ?`;

/**
 * SQLite: cards just written attribute the feedback waiting for them, from the stored card rows (a uuid already
 * stored keeps its first card). Params: the batch's card uuids as a JSON array.
 */
export const SQLITE_ATTRIBUTE_WAITING_FEEDBACK = `UPDATE ${TABLES.feedback} SET card_patient_hash = c.patient_hash, card_service_id = c.service_id
  FROM ${TABLES.issuedCard} AS c
  WHERE ${TABLES.feedback}.card_patient_hash IS NULL AND ${TABLES.feedback}.card_uuid IN (SELECT value FROM json_each(?))
    AND c.card_uuid = ${TABLES.feedback}.card_uuid`;
