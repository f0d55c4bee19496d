import type { FeedbackEntry } from '@pcb-cds/cds-hooks-model';
import { FeedbackSink } from '@pcb-cds/cds-hooks-model';
import type { FeedbackRecord } from './feedback-records';
import type { FeedbackRepository } from './feedback.repository';
import { FeedbackNotStoredException } from './feedback-not-stored.exception';

export interface DurableFeedbackSinkOptions {
  /** When feedback is received; default the system clock. */
  clock?: () => Date;
}

/**
 * Stores validated feedback before the protocol answers 200: `record` resolves only once the repository has
 * made the entries durable. On failure it rejects with FeedbackNotStoredException (HTTP 503), so an entry is
 * never acknowledged unsaved. Logs nothing (an override comment may hold PHI).
 */
export class DurableFeedbackSink extends FeedbackSink {
  private readonly clock: () => Date;

  constructor(
    private readonly repository: FeedbackRepository,
    options: DurableFeedbackSinkOptions = {},
  ) {
    super();
    this.clock = options.clock ?? ((): Date => new Date());
  }

  async record(serviceId: string, entries: FeedbackEntry[]): Promise<void> {
    const receivedAt = this.clock().toISOString();
    try {
      await this.repository.recordFeedback(entries.map((entry) => toFeedbackRecord(serviceId, entry, receivedAt)));
    } catch (error) {
      throw new FeedbackNotStoredException(error);
    }
  }
}

export function toFeedbackRecord(serviceId: string, entry: FeedbackEntry, receivedAt: string): FeedbackRecord {
  const reason = entry.overrideReason;
  const coding = reason?.reason;
  const overrideReason = {
    ...(coding?.system !== undefined ? { system: coding.system } : {}),
    ...(coding?.code !== undefined ? { code: coding.code } : {}),
    ...(coding?.display !== undefined ? { display: coding.display } : {}),
    ...(reason?.userComment !== undefined ? { userComment: reason.userComment } : {}),
  };
  return {
    cardUuid: entry.card,
    serviceId,
    outcome: entry.outcome,
    acceptedSuggestionIds: (entry.acceptedSuggestions ?? []).map((s) => s.id),
    ...(Object.keys(overrideReason).length > 0 ? { overrideReason } : {}),
    outcomeTimestamp: entry.outcomeTimestamp,
    receivedAt,
  };
}
