import type { PatientHash } from './patient-hash';

/** What a card rests on, as card memory compares it (read from the card; see CardMemoryKeyExtractor). */
export interface CardMemoryKey {
  /** Hash of the facts the card's rules used (values and dates): equal hashes mean "the same evidence". */
  evidenceHash?: string;
  /** e.g. `US`, `UK`: the report counts per rule and jurisdiction. */
  jurisdiction?: string;
  /** e.g. `routine`, `urgent`: some urgencies are never held back. */
  urgency?: string;
}

/** One earlier feedback entry on a card of the same patient and service, with what that card rested on. */
export interface RememberedFeedback {
  ruleIds: string[];
  evidenceHash?: string;
  outcome: 'accepted' | 'overridden';
  reasonCode?: string;
  reasonDisplay?: string;
  /** ISO 8601 instant the service received it (the clock the windows run on). */
  receivedAt: string;
}

/** A card held back from a response, for the governance report. No card text, no patient id. */
export interface HeldBackCardRecord {
  serviceId: string;
  patientHash: PatientHash;
  ruleIds: string[];
  jurisdiction?: string;
  /** The override reason code, or `accepted` when a suggestion was accepted. */
  reasonCode: string;
  heldAt: string;
  heldUntil: string;
}

/** A period of the governance report: [since, until), ISO 8601 instants; open ends when absent. */
export interface ReportPeriod {
  since?: string;
  until?: string;
}

/** Per rule and jurisdiction over a period: what the governance committee asks for. */
export interface GovernanceRow {
  ruleId: string;
  /** `unknown` for cards issued before the ledger recorded it. */
  jurisdiction: string;
  shown: number;
  accepted: number;
  overridden: number;
  /** Overridden entries by coded reason (`none` without a code). */
  overriddenByReason: Record<string, number>;
  heldBack: number;
}

export interface GovernanceStatistics {
  period: ReportPeriod;
  rows: GovernanceRow[];
}
