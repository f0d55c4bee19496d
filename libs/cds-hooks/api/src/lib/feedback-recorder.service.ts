import { Inject, Injectable } from '@nestjs/common';
import type { FeedbackEntry } from '@pcb-cds/cds-hooks-model';
import { FeedbackSink } from '@pcb-cds/cds-hooks-model';

/** Enough to absorb client retries; bounded so a long-running process does not grow without limit. */
const REMEMBERED_ENTRIES = 10_000;

/**
 * Makes feedback idempotent within the process: an entry already recorded — same service, card, outcome and
 * outcomeTimestamp — is acknowledged again but not passed to the sink twice (clients retry on timeouts).
 * A duplicate that arrives while the first write is still under way waits for that write and shares its
 * outcome: it is never acknowledged before the feedback is actually stored.
 */
@Injectable()
export class FeedbackRecorder {
  /** Stored entries; insertion-ordered, so the oldest keys are forgotten first. */
  private readonly seen = new Set<string>();
  /** Entries being written: a duplicate awaits the same write. */
  private readonly pending = new Map<string, Promise<void>>();

  // Explicit @Inject: the abstract class is the DI token and must stay a value import.
  constructor(@Inject(FeedbackSink) private readonly sink: FeedbackSink) {}

  /**
   * @param signal the caller's deadline: once it fires the client has been told the call failed, so this
   *   write no longer stands for its entries and the retry starts a new one (a sink that finishes late may
   *   then see an entry twice: better than never; the durable store is idempotent anyway).
   * @returns how many entries were new and passed to the sink.
   */
  async record(serviceId: string, entries: FeedbackEntry[], signal?: AbortSignal): Promise<number> {
    const fresh = new Map<string, FeedbackEntry>();
    const inFlight = new Set<Promise<void>>();
    for (const entry of entries) {
      const key = JSON.stringify([serviceId, entry.card, entry.outcome, entry.outcomeTimestamp]);
      const pending = this.pending.get(key);
      if (pending) {
        inFlight.add(pending);
      } else if (!this.seen.has(key) && !fresh.has(key)) {
        fresh.set(key, entry);
      }
    }
    if (fresh.size > 0) {
      const write = this.sink.record(serviceId, [...fresh.values()]);
      const settle = write.then(
        () => fresh.forEach((_entry, key) => this.remember(key)),
        () => undefined,
      );
      void settle.finally(() => fresh.forEach((_entry, key) => this.pending.get(key) === write && this.pending.delete(key)));
      fresh.forEach((_entry, key) => this.pending.set(key, write));
      const release = (): void => fresh.forEach((_entry, key) => this.pending.get(key) === write && this.pending.delete(key));
      signal?.addEventListener('abort', release, { once: true });
      void settle.finally(() => signal?.removeEventListener('abort', release));
      inFlight.add(write);
    }
    await Promise.all(inFlight);
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
