import type { FeedbackEntry } from '@pcb-cds/cds-hooks-model';
import { FeedbackSink } from '@pcb-cds/cds-hooks-model';

/** Keeps every feedback entry the service accepted, so a test can find what the viewer sent. */
export class CapturingFeedbackSink extends FeedbackSink {
  readonly recorded: { serviceId: string; entry: FeedbackEntry }[] = [];

  async record(serviceId: string, entries: FeedbackEntry[]): Promise<void> {
    this.recorded.push(...entries.map((entry) => ({ serviceId, entry })));
  }

  /** Waits (briefly) until an entry matches: the page sends feedback asynchronously. */
  async waitFor(
    match: (entry: FeedbackEntry, serviceId: string) => boolean,
    timeoutMs = 10_000,
  ): Promise<{ serviceId: string; entry: FeedbackEntry }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.recorded.find((r) => match(r.entry, r.serviceId));
      if (found) {
        return found;
      }
      if (Date.now() > deadline) {
        throw new Error(`No matching feedback within ${timeoutMs} ms; recorded: ${JSON.stringify(this.recorded)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
