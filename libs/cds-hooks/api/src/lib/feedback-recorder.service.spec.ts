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
    // A concurrent duplicate waits for the hung write: it is not acknowledged while nothing is stored.
    let acknowledged = false;
    void recorder.record('svc', [entry]).then(() => (acknowledged = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(acknowledged).toBe(false);
    controller.abort();
    await expect(recorder.record('svc', [entry])).resolves.toBe(1);
    expect(hanging).toHaveBeenCalledTimes(2);
    expect(sink.recorded).toEqual([{ serviceId: 'svc', entries: [entry] }]);
  });

  it('a duplicate arriving during the first write waits for it and fails with it: never acknowledged unsaved', async () => {
    let fail: (e: Error) => void = () => undefined;
    const sink = { record: jest.fn(() => new Promise<void>((_resolve, reject) => (fail = reject))) };
    const recorder = new FeedbackRecorder(sink);
    const entry = {
      card: 'c-dup',
      outcome: 'accepted' as const,
      acceptedSuggestions: [{ id: 's' }],
      outcomeTimestamp: '2026-11-22T10:00:00Z',
    };
    const first = recorder.record('svc', [entry]);
    const duplicate = recorder.record('svc', [entry]);
    fail(new Error('disk full'));
    await expect(first).rejects.toThrow('disk full');
    await expect(duplicate).rejects.toThrow('disk full');
    expect(sink.record).toHaveBeenCalledTimes(1);
  });
});
