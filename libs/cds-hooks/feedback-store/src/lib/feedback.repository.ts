import type { GovernanceStatistics, HeldBackCardRecord, RememberedFeedback, ReportPeriod } from './card-memory-records';
import type { FeedbackRecord, FeedbackStatistics, IssuedCardRecord } from './feedback-records';

/**
 * Durable storage of issued cards and feedback. Every write resolves only once it is durable (committed and
 * flushed), and rejects otherwise. Adapters behave identically (one contract test suite runs on each).
 */
export abstract class FeedbackRepository {
  /** Creates the schema if needed; idempotent, and safe to call from several processes at once. */
  abstract init(): Promise<void>;

  /** Stores cards by uuid, each rule id once; a uuid already stored is left as it is. Atomic. */
  abstract recordIssuedCards(cards: readonly IssuedCardRecord[]): Promise<void>;

  /**
   * Stores entries, whether or not their card is known; an entry with the same (card, outcome,
   * outcomeTimestamp) as one stored is skipped. Atomic.
   * @returns how many entries were new.
   */
  abstract recordFeedback(entries: readonly FeedbackRecord[]): Promise<number>;

  abstract findIssuedCard(cardUuid: string): Promise<IssuedCardRecord | undefined>;

  /** Stored feedback (optionally of one card), oldest first. */
  abstract listFeedback(filter?: { cardUuid?: string }): Promise<FeedbackRecord[]>;

  /** Counts per rule for the report. */
  abstract statistics(): Promise<FeedbackStatistics>;

  /** Card memory: feedback on this patient's cards of this service received since `since`, oldest first. */
  abstract recallFeedback(query: { patientHash: string; serviceId: string; since: string }): Promise<RememberedFeedback[]>;

  /** Card memory: cards held back from a response (for the governance report). Atomic. */
  abstract recordHeldBack(cards: readonly HeldBackCardRecord[]): Promise<void>;

  /** Per rule and jurisdiction over a period: shown, accepted, overridden by reason, held back. */
  abstract governanceStatistics(period: ReportPeriod): Promise<GovernanceStatistics>;

  /**
   * Resolves when the store answers a trivial query now; rejects otherwise (readiness: an unreachable database
   * makes feedback answer 503, so the instance should not be sent traffic). Writes nothing.
   */
  abstract ping(): Promise<void>;

  /** Where the data lives, for logs and the report (never a password). */
  abstract describe(): string;

  /** Releases the database (graceful shutdown); idempotent. */
  abstract close(): Promise<void>;
}
