import type { FeedbackSink } from '@pcb-cds/cds-hooks-model';
import type { CardMemory } from '@pcb-cds/cds-hooks-model';
import type { DurableCardLedger, FeedbackRepository } from '@pcb-cds/cds-hooks-feedback-store';
import { CountedFeedbackSink, DurableCardMemory, DurableFeedbackSink } from '@pcb-cds/cds-hooks-feedback-store';
import type { ObservabilityMetrics } from '@pcb-cds/platform-observability';
import { GovernanceMetrics } from '@pcb-cds/platform-observability';
import type { GuidelineConfiguration } from '@pcb-cds/postcoital-bleeding-service';

/** The durable feedback store as the app opened it; with the salt, card memory is on. */
export interface FeedbackStoreWiring {
  repository: FeedbackRepository;
  ledger: DurableCardLedger;
  /**
   * The ledger's patient-hash salt: card memory finds a patient's earlier cards by it. With PostgreSQL it must be
   * the configured PATIENT_HASH_SALT, shared by every replica (openFeedbackStore refuses to start otherwise); a
   * per-process salt (SQLite without PATIENT_HASH_SALT) remembers until restart. Absent: memory off.
   */
  patientHashSalt?: string;
}

/**
 * Card memory (after the cards, before the response) and the feedback sink, both counted per rule and
 * jurisdiction for governance (`cds_governance_*`). Without a store: nothing (feedback validated and logged).
 */
export function cardMemorySetup(
  feedback: FeedbackStoreWiring | undefined,
  guideline: GuidelineConfiguration,
  metrics: ObservabilityMetrics,
): { cardMemory?: CardMemory; feedbackSink?: FeedbackSink } {
  if (!feedback) {
    return {};
  }
  const reasonCodes = [...guideline.terminology.overrideReasons('pregnancy'), ...guideline.terminology.overrideReasons('other')].map(
    (r) => r.code,
  );
  const governance = new GovernanceMetrics(metrics, { knownReasonCodes: [...new Set(reasonCodes)] });
  const feedbackSink = new CountedFeedbackSink(new DurableFeedbackSink(feedback.repository), feedback.repository, (counted) =>
    governance.feedbackReceived(counted.serviceId, counted, counted.outcome, counted.reasonCode),
  );
  if (feedback.patientHashSalt === undefined) {
    return { feedbackSink };
  }
  const cardMemory = new DurableCardMemory(feedback.repository, {
    patientHashSalt: feedback.patientHashSalt,
    policy: guideline.cardMemory,
    onRecalled: (outcome) => governance.cardsRecalled(outcome),
  });
  return { cardMemory, feedbackSink };
}
