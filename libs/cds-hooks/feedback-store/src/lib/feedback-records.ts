import type { Indicator } from '@pcb-cds/cds-hooks-model';
import type { CardMemoryKey } from './card-memory-records';
import type { PatientHash } from './patient-hash';

/** One issued card as stored: no PHI, the patient only as a salted hash. Card memory's key fields are optional. */
export interface IssuedCardRecord extends CardMemoryKey {
  cardUuid: string;
  serviceId: string;
  hookInstance: string;
  patientHash: PatientHash;
  /** What the card rests on (e.g. guideline rule ids); may be empty. */
  ruleIds: string[];
  indicator: Indicator;
  /** ISO 8601 instant. */
  issuedAt: string;
}

/** A coded override reason and/or the clinician's comment (which may hold PHI: stored, never logged). */
export interface StoredOverrideReason {
  system?: string;
  code?: string;
  display?: string;
  userComment?: string;
}

/** One feedback entry as stored. (cardUuid, outcome, outcomeTimestamp) identifies it. */
export interface FeedbackRecord {
  cardUuid: string;
  serviceId: string;
  outcome: 'accepted' | 'overridden';
  acceptedSuggestionIds: string[];
  overrideReason?: StoredOverrideReason;
  /** As received on the wire (part of the identity, so never re-formatted). */
  outcomeTimestamp: string;
  /** ISO 8601 instant at which the service received it. */
  receivedAt: string;
}

/** Per rule: the raw counts the report is computed from. */
export interface RuleFeedbackCounts {
  ruleId: string;
  cardsIssued: number;
  /** Feedback entries on cards carrying the rule. */
  feedback: number;
  accepted: number;
  overridden: number;
}

/** Overridden entries on cards carrying the rule, grouped by coded reason (none: system and code absent). */
export interface RuleOverrideReasonCount {
  ruleId: string;
  system?: string;
  code?: string;
  display?: string;
  count: number;
}

export interface FeedbackStatistics {
  cardsIssued: number;
  feedback: number;
  /** Feedback whose card uuid the ledger never saw (stored, not tied to rules). */
  feedbackOnUnknownCards: number;
  rules: RuleFeedbackCounts[];
  overrideReasons: RuleOverrideReasonCount[];
}
