import type { FeedbackEntry } from '@pcb-cds/cds-hooks-model';
import { FeedbackSink } from '@pcb-cds/cds-hooks-model';
import type { FeedbackRepository } from './feedback.repository';

/** One stored feedback entry with what its card rested on (for per-rule, per-jurisdiction counters). */
export interface CountedFeedback {
  serviceId: string;
  ruleIds: string[];
  jurisdiction?: string;
  outcome: 'accepted' | 'overridden';
  reasonCode?: string;
}

/**
 * Hands feedback to `inner` (which stores it durably), then tells `onFeedback` of each entry whose card the
 * ledger knows. Counting is best effort: a failed card lookup never fails the feedback, which is already stored.
 */
export class CountedFeedbackSink extends FeedbackSink {
  constructor(
    private readonly inner: FeedbackSink,
    private readonly repository: FeedbackRepository,
    private readonly onFeedback: (counted: CountedFeedback) => void,
  ) {
    super();
  }

  async record(serviceId: string, entries: FeedbackEntry[]): Promise<void> {
    await this.inner.record(serviceId, entries);
    for (const entry of entries) {
      try {
        const card = await this.repository.findIssuedCard(entry.card);
        if (card) {
          const reasonCode = entry.overrideReason?.reason?.code;
          this.onFeedback({
            serviceId,
            ruleIds: card.ruleIds,
            ...(card.jurisdiction !== undefined ? { jurisdiction: card.jurisdiction } : {}),
            outcome: entry.outcome,
            ...(reasonCode !== undefined ? { reasonCode } : {}),
          });
        }
      } catch {
        // The entry is stored; only its counter is missed.
      }
    }
  }
}
