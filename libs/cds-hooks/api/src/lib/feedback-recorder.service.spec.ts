import type { FeedbackEntry } from '@pcb-cds/cds-hooks-model';
import { FeedbackSink } from '@pcb-cds/cds-hooks-model';
import { FeedbackRecorder } from './feedback-recorder.service';

class MemorySink extends FeedbackSink {
  readonly recorded: Array<{ serviceId: string; entries: FeedbackEntry[] }> = [];
  failNext = false;

  async record(serviceId: string, entries: FeedbackEntry[]): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('store down');
    }
    this.recorded.push({ serviceId, entries });
  }
}

const entry: FeedbackEntry = { card: 'c1', outcome: 'overridden', outcomeTimestamp: '2020-12-11T00:00:00Z' };

describe('FeedbackRecorder', () => {
  it('passes new entries to the sink once; repeats are acknowledged but not recorded again', async () => {
    const sink = new MemorySink();
    const recorder = new FeedbackRecorder(sink);
    await expect(recorder.record('svc', [entry])).resolves.toBe(1);
    await expect(recorder.record('svc', [entry])).resolves.toBe(0);
    expect(sink.recorded).toEqual([{ serviceId: 'svc', entries: [entry] }]);
  });

  it('deduplicates within one request and by (service, card, outcome, outcomeTimestamp)', async () => {
    const sink = new MemorySink();
    const recorder = new FeedbackRecorder(sink);
    const later = { ...entry, outcomeTimestamp: '2020-12-11T00:00:01Z' };
    const accepted: FeedbackEntry = { ...entry, outcome: 'accepted', acceptedSuggestions: [{ id: 's' }] };
    await recorder.record('svc', [entry, entry, later, accepted]);
    await recorder.record('other', [entry]);
    expect(sink.recorded.map((r) => [r.serviceId, r.entries.length])).toEqual([
      ['svc', 3],
      ['other', 1],
    ]);
  });

  it('lets a retry succeed after the sink failed', async () => {
    const sink = new MemorySink();
    const recorder = new FeedbackRecorder(sink);
    sink.failNext = true;
    await expect(recorder.record('svc', [entry])).rejects.toThrow('store down');
    await expect(recorder.record('svc', [entry])).resolves.toBe(1);
    expect(sink.recorded).toHaveLength(1);
  });

  it("releases a hung call's claims when the caller's deadline fires, so that the retry is recorded", async () => {
    const sink = new MemorySink();
    const recorder = new FeedbackRecorder(sink);
    const hanging = jest.spyOn(sink, 'record').mockImplementationOnce(() => new Promise(() => undefined));
    const controller = new AbortController();
    void recorder.record('svc', [entry], controller.signal);
    await recorder.record('svc', [entry]).then((n) => expect(n).toBe(0)); // still claimed: a concurrent duplicate
    controller.abort();
    await expect(recorder.record('svc', [entry])).resolves.toBe(1);
    expect(hanging).toHaveBeenCalledTimes(2);
    expect(sink.recorded).toEqual([{ serviceId: 'svc', entries: [entry] }]);
  });
});
