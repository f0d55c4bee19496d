import type { Indicator } from '@pcb-cds/cds-hooks-model';
import type {
  FeedbackRecord,
  FeedbackStatistics,
  IssuedCardRecord,
  RuleFeedbackCounts,
  RuleOverrideReasonCount,
  StoredOverrideReason,
} from './feedback-records';
import type { PatientHash } from './patient-hash';

// Row shapes and the SQL both adapters share, so that they read and count the same way. Drivers differ
// only in types: Postgres returns COUNT as a string, timestamps as Date and jsonb parsed.

type Text = string | null;
type Instant = string | Date;
type Count = number | string | bigint;

export interface IssuedCardRow {
  card_uuid: string;
  service_id: string;
  hook_instance: string;
  patient_hash: string;
  indicator: string;
  issued_at: Instant;
  rule_ids: string | string[];
  evidence_hash?: string | null;
  jurisdiction?: string | null;
  urgency?: string | null;
}

export interface FeedbackRow {
  card_uuid: string;
  service_id: string;
  outcome: string;
  accepted_suggestion_ids: string | string[];
  reason_system: Text;
  reason_code: Text;
  reason_display: Text;
  user_comment: Text;
  outcome_timestamp: string;
  received_at: Instant;
}

export interface RuleCountsRow {
  rule_id: string;
  cards_issued: Count;
  feedback: Count;
  accepted: Count;
  overridden: Count;
}

export interface ReasonCountRow {
  rule_id: string;
  reason_system: Text;
  reason_code: Text;
  reason_display: Text;
  n: Count;
}

export interface TotalsRow {
  cards_issued: Count;
  feedback: Count;
  unknown_cards: Count;
}

/** Feedback columns in insertion order (the adapters bind values in this order). */
export const FEEDBACK_COLUMNS = [
  'card_uuid',
  'service_id',
  'outcome',
  'accepted_suggestion_ids',
  'reason_system',
  'reason_code',
  'reason_display',
  'user_comment',
  'outcome_timestamp',
  'received_at',
] as const;

export type FeedbackValues = [string, string, string, string, Text, Text, Text, Text, string, string];

export function feedbackValues(entry: FeedbackRecord): FeedbackValues {
  const reason = entry.overrideReason;
  return [
    entry.cardUuid,
    entry.serviceId,
    entry.outcome,
    JSON.stringify(entry.acceptedSuggestionIds),
    reason?.system ?? null,
    reason?.code ?? null,
    reason?.display ?? null,
    reason?.userComment ?? null,
    entry.outcomeTimestamp,
    entry.receivedAt,
  ];
}

/**
 * A FROM item expanding the card `c` of the statistics queries into one row per rule id, aliased `r` with the
 * rule id in `r.value`. The backends spell the expansion of a JSON array differently (and SQLite takes no
 * column aliases, hence `value`, the name both give it).
 */
export type RuleRowsSource = string;

export const SQLITE_RULE_ROWS: RuleRowsSource = 'json_each(c.rule_ids) AS r';
export const POSTGRES_RULE_ROWS: RuleRowsSource = 'LATERAL jsonb_array_elements_text(c.rule_ids) AS r (value)';

/** The three statistics queries, over the given (possibly schema-qualified) table names. */
export function statisticsSql(
  t: { issuedCard: string; feedback: string },
  ruleRows: RuleRowsSource,
): {
  rules: string;
  reasons: string;
  totals: string;
} {
  return {
    rules: `SELECT r.value AS rule_id,
        COUNT(DISTINCT c.card_uuid) AS cards_issued,
        COUNT(f.id) AS feedback,
        COALESCE(SUM(CASE WHEN f.outcome = 'accepted' THEN 1 ELSE 0 END), 0) AS accepted,
        COALESCE(SUM(CASE WHEN f.outcome = 'overridden' THEN 1 ELSE 0 END), 0) AS overridden
      FROM ${t.issuedCard} c CROSS JOIN ${ruleRows} LEFT JOIN ${t.feedback} f ON f.card_uuid = c.card_uuid
      GROUP BY r.value`,
    reasons: `SELECT r.value AS rule_id, f.reason_system AS reason_system, f.reason_code AS reason_code,
        f.reason_display AS reason_display, COUNT(*) AS n
      FROM ${t.issuedCard} c CROSS JOIN ${ruleRows} JOIN ${t.feedback} f ON f.card_uuid = c.card_uuid
      WHERE f.outcome = 'overridden'
      GROUP BY r.value, f.reason_system, f.reason_code, f.reason_display`,
    totals: `SELECT (SELECT COUNT(*) FROM ${t.issuedCard}) AS cards_issued,
        (SELECT COUNT(*) FROM ${t.feedback}) AS feedback,
        (SELECT COUNT(*) FROM ${t.feedback} f
          WHERE NOT EXISTS (SELECT 1 FROM ${t.issuedCard} c WHERE c.card_uuid = f.card_uuid)) AS unknown_cards`,
  };
}

/**
 * The card's rule ids as its `rule_ids` column holds them: a JSON array in the card's order, each id once (the
 * statistics count a card's feedback once per array element). The ledger has already removed duplicates; this
 * keeps the guarantee for any other caller of the repository.
 */
export function ruleIdsJson(card: IssuedCardRecord): string {
  return JSON.stringify([...new Set(card.ruleIds)]);
}

export function toIssuedCard(row: IssuedCardRow): IssuedCardRecord {
  const ruleIds = row.rule_ids;
  return {
    cardUuid: row.card_uuid,
    serviceId: row.service_id,
    hookInstance: row.hook_instance,
    patientHash: row.patient_hash as PatientHash,
    ruleIds: typeof ruleIds === 'string' ? (JSON.parse(ruleIds) as string[]) : ruleIds,
    indicator: row.indicator as Indicator,
    issuedAt: toIso(row.issued_at),
    ...(row.evidence_hash ? { evidenceHash: row.evidence_hash } : {}),
    ...(row.jurisdiction ? { jurisdiction: row.jurisdiction } : {}),
    ...(row.urgency ? { urgency: row.urgency } : {}),
  };
}

export function toFeedback(row: FeedbackRow): FeedbackRecord {
  const reason: StoredOverrideReason = {};
  assignIfSet(reason, 'system', row.reason_system);
  assignIfSet(reason, 'code', row.reason_code);
  assignIfSet(reason, 'display', row.reason_display);
  assignIfSet(reason, 'userComment', row.user_comment);
  const ids = row.accepted_suggestion_ids;
  return {
    cardUuid: row.card_uuid,
    serviceId: row.service_id,
    outcome: row.outcome as FeedbackRecord['outcome'],
    acceptedSuggestionIds: typeof ids === 'string' ? (JSON.parse(ids) as string[]) : ids,
    ...(Object.keys(reason).length > 0 ? { overrideReason: reason } : {}),
    outcomeTimestamp: row.outcome_timestamp,
    receivedAt: toIso(row.received_at),
  };
}

/**
 * The statistics in a driver-independent order: rules and reasons sorted by code unit (not by a database
 * collation), one row per (rule, system, code) with its most frequent display.
 */
export function toStatistics(totals: TotalsRow, rules: RuleCountsRow[], reasons: ReasonCountRow[]): FeedbackStatistics {
  const ruleCounts: RuleFeedbackCounts[] = rules
    .map((r) => ({
      ruleId: r.rule_id,
      cardsIssued: Number(r.cards_issued),
      feedback: Number(r.feedback),
      accepted: Number(r.accepted),
      overridden: Number(r.overridden),
    }))
    .sort((a, b) => compare(a.ruleId, b.ruleId));
  return {
    cardsIssued: Number(totals.cards_issued),
    feedback: Number(totals.feedback),
    feedbackOnUnknownCards: Number(totals.unknown_cards),
    rules: ruleCounts,
    overrideReasons: mergeDisplays(reasons),
  };
}

function mergeDisplays(rows: ReasonCountRow[]): RuleOverrideReasonCount[] {
  const groups = new Map<string, { rule: string; system: Text; code: Text; displays: Array<[Text, number]> }>();
  for (const row of rows) {
    const key = JSON.stringify([row.rule_id, row.reason_system, row.reason_code]);
    const group = groups.get(key) ?? { rule: row.rule_id, system: row.reason_system, code: row.reason_code, displays: [] };
    group.displays.push([row.reason_display, Number(row.n)]);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((g) => {
      const count = g.displays.reduce((sum, [, n]) => sum + n, 0);
      const named = g.displays.filter((d): d is [string, number] => d[0] !== null);
      named.sort((a, b) => b[1] - a[1] || compare(a[0], b[0]));
      const reason: RuleOverrideReasonCount = { ruleId: g.rule, count };
      assignIfSet(reason, 'system', g.system);
      assignIfSet(reason, 'code', g.code);
      assignIfSet(reason, 'display', named[0]?.[0] ?? null);
      return reason;
    })
    .sort(
      (a, b) =>
        compare(a.ruleId, b.ruleId) || b.count - a.count || compare(a.code ?? '', b.code ?? '') || compare(a.system ?? '', b.system ?? ''),
    );
}

function assignIfSet<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | null): void {
  if (value !== null && value !== undefined) {
    target[key] = value;
  }
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toIso(value: Instant): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}
