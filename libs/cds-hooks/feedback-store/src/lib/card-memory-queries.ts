import type { GovernanceRow, HeldBackCardRecord, RememberedFeedback, ReportPeriod } from './card-memory-records';
import { HELD_BACK_TABLE } from './card-memory-schema';
import { compare } from './feedback-rows';
import { TABLES } from './feedback-tables';

// The SQL card memory and the governance report share between the adapters. Only the placeholders, the
// expansion of a JSON array and the instant type differ; `Dialect` spells them.

export interface Dialect {
  /** The i-th parameter (1-based) holding an ISO instant. */
  instant(i: number): string;
  /** The i-th parameter (1-based) holding text. */
  text(i: number): string;
  /** A FROM item expanding `alias.rule_ids` into rows `r.value`. */
  ruleRows(alias: string): string;
  /** A table name (schema-qualified in Postgres). */
  table(name: string): string;
}

export const SQLITE_DIALECT: Dialect = {
  instant: () => '?',
  text: () => '?',
  ruleRows: (alias) => `json_each(${alias}.rule_ids) AS r`,
  table: (name) => name,
};

export function postgresDialect(schema: string): Dialect {
  return {
    instant: (i) => `$${i}::timestamptz`,
    text: (i) => `$${i}::text`,
    ruleRows: (alias) => `LATERAL jsonb_array_elements_text(${alias}.rule_ids) AS r (value)`,
    table: (name) => `"${schema}"."${name}"`,
  };
}

/** Open ends of a period as instants both databases compare correctly with stored ISO text or timestamptz. */
export const BEGINNING = '0001-01-01T00:00:00.000Z';
export const END = '9999-12-31T23:59:59.999Z';

export function periodParams(period: ReportPeriod): [string, string] {
  return [period.since ?? BEGINNING, period.until ?? END];
}

/**
 * Feedback on this patient's cards of this service received since then, oldest first (in arrival order among
 * equal instants). Attributed rows are found by their own index; the unattributed ones (see
 * feedback-attribution.ts) through the card join. Params: recallParams.
 */
export function recallSql(d: Dialect): string {
  const columns = 'f.id, c.rule_ids, c.evidence_hash, f.outcome, f.reason_code, f.reason_display, f.received_at';
  const feedback = `${d.table(TABLES.feedback)} f`;
  const card = `${d.table(TABLES.issuedCard)} c`;
  // CROSS JOIN: SQLite then keeps feedback as the outer loop (it would otherwise start from the patient's cards,
  // which is the cost this query avoids); PostgreSQL plans it as the inner join it is.
  return `SELECT ${columns} FROM ${feedback} JOIN ${card} ON c.card_uuid = f.card_uuid
    WHERE f.card_patient_hash = ${d.text(1)} AND f.card_service_id = ${d.text(2)} AND f.received_at >= ${d.instant(3)}
    UNION ALL
    SELECT ${columns} FROM ${feedback} CROSS JOIN ${card}
    WHERE f.card_patient_hash IS NULL AND f.received_at >= ${d.instant(4)}
      AND c.card_uuid = f.card_uuid AND c.patient_hash = ${d.text(5)} AND c.service_id = ${d.text(6)}
    ORDER BY received_at, id`;
}

/** recallSql's parameters in order (each written once, as SQLite's `?` takes them). */
export function recallParams(query: { patientHash: string; serviceId: string; since: string }): string[] {
  return [query.patientHash, query.serviceId, query.since, query.since, query.patientHash, query.serviceId];
}

export interface RecallRow {
  rule_ids: string | string[];
  evidence_hash: string | null;
  outcome: string;
  reason_code: string | null;
  reason_display: string | null;
  received_at: string | Date;
}

export function toRemembered(row: RecallRow): RememberedFeedback {
  return {
    ruleIds: typeof row.rule_ids === 'string' ? (JSON.parse(row.rule_ids) as string[]) : row.rule_ids,
    ...(row.evidence_hash !== null ? { evidenceHash: row.evidence_hash } : {}),
    outcome: row.outcome as RememberedFeedback['outcome'],
    ...(row.reason_code !== null ? { reasonCode: row.reason_code } : {}),
    ...(row.reason_display !== null ? { reasonDisplay: row.reason_display } : {}),
    receivedAt: toIso(row.received_at),
  };
}

export const HELD_BACK_COLUMNS = [
  'service_id',
  'patient_hash',
  'rule_ids',
  'jurisdiction',
  'reason_code',
  'held_at',
  'held_until',
] as const;

export function heldBackValues(h: HeldBackCardRecord): [string, string, string, string | null, string, string, string] {
  return [h.serviceId, h.patientHash, JSON.stringify([...new Set(h.ruleIds)]), h.jurisdiction ?? null, h.reasonCode, h.heldAt, h.heldUntil];
}

/**
 * The governance queries over [$1, $2): cards shown (issued in the period), feedback (received in the period)
 * by outcome and reason, cards held back (in the period); each per rule and jurisdiction.
 */
export function governanceSql(d: Dialect): { shown: string; feedback: string; heldBack: string } {
  const card = d.table(TABLES.issuedCard);
  return {
    shown: `SELECT r.value AS rule_id, COALESCE(c.jurisdiction, 'unknown') AS jurisdiction, COUNT(*) AS n
      FROM ${card} c CROSS JOIN ${d.ruleRows('c')}
      WHERE c.issued_at >= ${d.instant(1)} AND c.issued_at < ${d.instant(2)}
      GROUP BY r.value, COALESCE(c.jurisdiction, 'unknown')`,
    feedback: `SELECT r.value AS rule_id, COALESCE(c.jurisdiction, 'unknown') AS jurisdiction, f.outcome AS outcome,
        COALESCE(f.reason_code, 'none') AS reason_code, COUNT(*) AS n
      FROM ${d.table(TABLES.feedback)} f JOIN ${card} c ON c.card_uuid = f.card_uuid CROSS JOIN ${d.ruleRows('c')}
      WHERE f.received_at >= ${d.instant(1)} AND f.received_at < ${d.instant(2)}
      GROUP BY r.value, COALESCE(c.jurisdiction, 'unknown'), f.outcome, COALESCE(f.reason_code, 'none')`,
    heldBack: `SELECT r.value AS rule_id, COALESCE(h.jurisdiction, 'unknown') AS jurisdiction, COUNT(*) AS n
      FROM ${d.table(HELD_BACK_TABLE)} h CROSS JOIN ${d.ruleRows('h')}
      WHERE h.held_at >= ${d.instant(1)} AND h.held_at < ${d.instant(2)}
      GROUP BY r.value, COALESCE(h.jurisdiction, 'unknown')`,
  };
}

type Count = number | string | bigint;
export interface GovernanceCountRow {
  rule_id: string;
  jurisdiction: string;
  n: Count;
}
export interface GovernanceFeedbackRow extends GovernanceCountRow {
  outcome: string;
  reason_code: string;
}

export function toGovernanceRows(
  shown: GovernanceCountRow[],
  feedback: GovernanceFeedbackRow[],
  heldBack: GovernanceCountRow[],
): GovernanceRow[] {
  const rows = new Map<string, GovernanceRow>();
  const row = (r: GovernanceCountRow): GovernanceRow => {
    const key = JSON.stringify([r.rule_id, r.jurisdiction]);
    let found = rows.get(key);
    if (!found) {
      found = {
        ruleId: r.rule_id,
        jurisdiction: r.jurisdiction,
        shown: 0,
        accepted: 0,
        overridden: 0,
        overriddenByReason: {},
        heldBack: 0,
      };
      rows.set(key, found);
    }
    return found;
  };
  for (const r of shown) {
    row(r).shown += Number(r.n);
  }
  for (const r of feedback) {
    const target = row(r);
    if (r.outcome === 'accepted') {
      target.accepted += Number(r.n);
    } else {
      target.overridden += Number(r.n);
      target.overriddenByReason[r.reason_code] = (target.overriddenByReason[r.reason_code] ?? 0) + Number(r.n);
    }
  }
  for (const r of heldBack) {
    row(r).heldBack += Number(r.n);
  }
  return [...rows.values()].sort((a, b) => compare(a.ruleId, b.ruleId) || compare(a.jurisdiction, b.jurisdiction));
}

function toIso(value: string | Date): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}
