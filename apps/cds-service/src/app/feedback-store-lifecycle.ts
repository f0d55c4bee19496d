import type { DurableCardLedger, FeedbackRepository } from '@pcb-cds/cds-hooks-feedback-store';
import type { ReadinessCheck, ShutdownCloser } from '@pcb-cds/platform-observability';

/**
 * /ready fails while the feedback store does not answer: feedback would be refused with 503 there, so traffic
 * belongs on another instance. Issued cards are kept by the ledger meanwhile (see DurableCardLedger).
 */
export function feedbackStoreReadiness(repository: FeedbackRepository): ReadinessCheck {
  return { name: 'feedback-store', check: () => repository.ping() };
}

/** On shutdown: the ledger's pending cards written, then the store closed; cards that could not be written are an error. */
export function feedbackStoreCloser(feedback: { repository: FeedbackRepository; ledger: DurableCardLedger }): ShutdownCloser {
  return {
    name: 'feedback-store',
    close: async () => {
      await feedback.ledger.flush();
      const unwritten = feedback.ledger.pendingCards;
      await feedback.repository.close();
      if (unwritten > 0) {
        throw new Error(`${unwritten} issued card(s) could not be written to the card ledger (store unreachable)`);
      }
    },
  };
}
