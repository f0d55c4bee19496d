import type { GovernanceStatistics, HeldBackCardRecord, RememberedFeedback } from '../lib/card-memory-records';
import type { FeedbackRecord, FeedbackStatistics, IssuedCardRecord } from '../lib/feedback-records';
import { FeedbackRepository } from '../lib/feedback.repository';

/** A test double that records calls; `failWith` makes every write reject. Not an adapter (not durable). */
export class MemoryFeedbackRepository extends FeedbackRepository {
  readonly cards: IssuedCardRecord[] = [];
  readonly feedback: FeedbackRecord[] = [];
  readonly heldBack: HeldBackCardRecord[] = [];
  failWith?: Error;
  /** When set, writes wait for it (to observe what happens before a write completes). */
  gate?: Promise<void>;

  async init(): Promise<void> {
    return undefined;
  }

  async recordIssuedCards(cards: readonly IssuedCardRecord[]): Promise<void> {
    await this.write();
    this.cards.push(...cards);
  }

  async recordFeedback(entries: readonly FeedbackRecord[]): Promise<number> {
    await this.write();
    this.feedback.push(...entries);
    return entries.length;
  }

  async findIssuedCard(cardUuid: string): Promise<IssuedCardRecord | undefined> {
    return this.cards.find((c) => c.cardUuid === cardUuid);
  }

  async listFeedback(filter: { cardUuid?: string } = {}): Promise<FeedbackRecord[]> {
    return this.feedback.filter((f) => filter.cardUuid === undefined || f.cardUuid === filter.cardUuid);
  }

  async statistics(): Promise<FeedbackStatistics> {
    throw new Error('not implemented by the test double');
  }

  async recallFeedback(): Promise<RememberedFeedback[]> {
    throw new Error('not implemented by the test double');
  }

  async recordHeldBack(cards: readonly HeldBackCardRecord[]): Promise<void> {
    await this.write();
    this.heldBack.push(...cards);
  }

  async governanceStatistics(): Promise<GovernanceStatistics> {
    throw new Error('not implemented by the test double');
  }

  async ping(): Promise<void> {
    if (this.failWith) {
      throw this.failWith;
    }
  }

  describe(): string {
    return 'memory (test double)';
  }

  async close(): Promise<void> {
    return undefined;
  }

  private async write(): Promise<void> {
    await this.gate;
    if (this.failWith) {
      throw this.failWith;
    }
  }
}
