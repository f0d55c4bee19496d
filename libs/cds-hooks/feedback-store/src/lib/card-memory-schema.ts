import type Database from 'better-sqlite3';
import type { PoolClient } from 'pg';
import { TABLES } from './feedback-tables';

// Card memory's part of the schema: three columns on the issued card (what the card rested on, where, how
// urgent), an index by patient and service, and a table of held-back cards (for the governance report).
// Added on open to databases of earlier versions, as the rule-id migration is: idempotent, in the opening
// transaction, nullable columns (older cards have no evidence hash, so they are never matched as "same evidence").

export const HELD_BACK_TABLE = 'cds_held_back_card';

export const CARD_MEMORY_COLUMNS = ['evidence_hash', 'jurisdiction', 'urgency'] as const;

export function migrateSqliteCardMemory(db: Database.Database): void {
  const columns = new Set((db.pragma(`table_info(${TABLES.issuedCard})`) as Array<{ name: string }>).map((c) => c.name));
  for (const column of CARD_MEMORY_COLUMNS) {
    if (!columns.has(column)) {
      db.exec(`ALTER TABLE ${TABLES.issuedCard} ADD COLUMN ${column} TEXT`);
    }
  }
  db.exec(`
    CREATE INDEX IF NOT EXISTS ${TABLES.issuedCard}_patient ON ${TABLES.issuedCard} (patient_hash, service_id);
    CREATE TABLE IF NOT EXISTS ${HELD_BACK_TABLE} (
      id           INTEGER PRIMARY KEY AUTOINCREMENT,
      service_id   TEXT NOT NULL,
      patient_hash TEXT NOT NULL,
      rule_ids     TEXT NOT NULL,
      jurisdiction TEXT,
      reason_code  TEXT NOT NULL,
      held_at      TEXT NOT NULL,
      held_until   TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS ${HELD_BACK_TABLE}_held_at ON ${HELD_BACK_TABLE} (held_at);
  `);
}

/** Runs in PostgresFeedbackRepository's schema transaction, under its advisory lock (so once per fleet start). */
export async function migratePostgresCardMemory(client: PoolClient, schema: string): Promise<void> {
  const q = (table: string): string => `"${schema}"."${table}"`;
  const present = await client.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2`,
    [schema, TABLES.issuedCard],
  );
  const columns = new Set(present.rows.map((r) => r.column_name));
  for (const column of CARD_MEMORY_COLUMNS) {
    if (!columns.has(column)) {
      await client.query(`ALTER TABLE ${q(TABLES.issuedCard)} ADD COLUMN ${column} TEXT`);
    }
  }
  await client.query(`
    CREATE INDEX IF NOT EXISTS ${TABLES.issuedCard}_patient ON ${q(TABLES.issuedCard)} (patient_hash, service_id);
    CREATE TABLE IF NOT EXISTS ${q(HELD_BACK_TABLE)} (
      id           BIGSERIAL PRIMARY KEY,
      service_id   TEXT NOT NULL,
      patient_hash TEXT NOT NULL,
      rule_ids     JSONB NOT NULL,
      jurisdiction TEXT,
      reason_code  TEXT NOT NULL,
      held_at      TIMESTAMPTZ NOT NULL,
      held_until   TIMESTAMPTZ NOT NULL
    );
    CREATE INDEX IF NOT EXISTS ${HELD_BACK_TABLE}_held_at ON ${q(HELD_BACK_TABLE)} (held_at);`);
}
