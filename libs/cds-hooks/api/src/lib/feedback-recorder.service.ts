import { Inject, Injectable } from '@nestjs/common';
import type { FeedbackEntry } from '@pcb-cds/cds-hooks-model';
import { FeedbackSink } from '@pcb-cds/cds-hooks-model';

/** Enough to absorb client retries; bounded so a long-running process does not grow without limit. */
const REMEMBERED_ENTRIES = 10_000;

/**
 * Makes feedback idempotent within the process: an entry already recorded — same service, card, outcome and
 * outcomeTimestamp — is acknowledged again but not passed to the sink twice (clients retry on timeouts).
 */
@Injectable()
export class FeedbackRecorder {
  /** Insertion-ordered, so the oldest keys are forgotten first. */
  private readonly seen = new Set<string>();

  // Explicit @Inject: the abstract class is the DI token and must stay a value import.
  constructor(@Inject(FeedbackSink) private readonly sink: FeedbackSink) {}

  /**
   * @param signal the caller's deadline: once it fires the client has been told the call failed, so the claims
   *   are released for its retry (a sink that finishes late may then see an entry twice: better than never).
   * @returns how many entries were new and passed to the sink.
   */
  async record(serviceId: string, entries: FeedbackEntry[], signal?: AbortSignal): Promise<number> {
    const fresh = new Map<string, FeedbackEntry>();
    for (const entry of entries) {
      const key = JSON.stringify([serviceId, entry.card, entry.outcome, entry.outcomeTimestamp]);
      if (!this.seen.has(key) && !fresh.has(key)) {
        fresh.set(key, entry);
      }
    }
    if (fresh.size === 0) {
      return 0;
    }
    // Claimed before awaiting so a concurrent duplicate is not recorded twice; released if the sink fails,
    // so that the client's retry can succeed.
    fresh.forEach((_entry, key) => this.remember(key));
    const release = (): void => fresh.forEach((_entry, key) => this.seen.delete(key));
    signal?.addEventListener('abort', release, { once: true });
    try {
      await this.sink.record(serviceId, [...fresh.values()]);
    } catch (error) {
      release();
      throw error;
    } finally {
      signal?.removeEventListener('abort', release);
    }
    return fresh.size;
  }

  private remember(key: string): void {
    this.seen.add(key);
    if (this.seen.size > REMEMBERED_ENTRIES) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) {
        this.seen.delete(oldest);
      }
    }
  }
}
