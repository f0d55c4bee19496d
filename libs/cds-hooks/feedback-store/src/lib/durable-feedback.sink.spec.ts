import type { FeedbackEntry } from '@pcb-cds/cds-hooks-model';
import { MemoryFeedbackRepository } from '../testing/memory-feedback.repository';
import { DurableFeedbackSink } from './durable-feedback.sink';
import { FeedbackNotStoredException } from './feedback-not-stored.exception';

const NOW = new Date('2026-11-22T10:00:05.000Z');
const SYSTEM = 'http://pcb-cds.org/fhir/CodeSystem/override-reasons';

const entries: FeedbackEntry[] = [
  { card: 'c1', outcome: 'accepted', acceptedSuggestions: [{ id: 's1' }, { id: 's2' }], outcomeTimestamp: '2026-11-22T10:00:00Z' },
  {
    card: 'c2',
    outcome: 'overridden',
    overrideReason: { reason: { system: SYSTEM, code: 'done-elsewhere', display: 'Done elsewhere' }, userComment: 'done at the GP' },
    outcomeTimestamp: '2026-11-22T10:00:01Z',
  },
  { card: 'c3', outcome: 'overridden', overrideReason: { userComment: 'not relevant' }, outcomeTimestamp: '2026-11-22T10:00:02Z' },
  { card: 'c4', outcome: 'overridden', outcomeTimestamp: '2026-11-22T10:00:03Z' },
];

function settledYet(promise: Promise<unknown>): Promise<boolean> {
  return Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    new Promise<boolean>((resolve) => setImmediate(() => resolve(false))),
  ]);
}

describe('DurableFeedbackSink', () => {
  it('passes every entry to the repository with the service id and the time received', async () => {
    const repository = new MemoryFeedbackRepository();
    await new DurableFeedbackSink(repository, { clock: () => NOW }).record('pcb-evaluation', entries);
    const receivedAt = NOW.toISOString();
    expect(repository.feedback).toEqual([
      {
        cardUuid: 'c1',
        serviceId: 'pcb-evaluation',
        outcome: 'accepted',
        acceptedSuggestionIds: ['s1', 's2'],
        outcomeTimestamp: '2026-11-22T10:00:00Z',
        receivedAt,
      },
      {
        cardUuid: 'c2',
        serviceId: 'pcb-evaluation',
        outcome: 'overridden',
        acceptedSuggestionIds: [],
        overrideReason: { system: SYSTEM, code: 'done-elsewhere', display: 'Done elsewhere', userComment: 'done at the GP' },
        outcomeTimestamp: '2026-11-22T10:00:01Z',
        receivedAt,
      },
      {
        cardUuid: 'c3',
        serviceId: 'pcb-evaluation',
        outcome: 'overridden',
        acceptedSuggestionIds: [],
        overrideReason: { userComment: 'not relevant' },
        outcomeTimestamp: '2026-11-22T10:00:02Z',
        receivedAt,
      },
      {
        cardUuid: 'c4',
        serviceId: 'pcb-evaluation',
        outcome: 'overridden',
        acceptedSuggestionIds: [],
        outcomeTimestamp: '2026-11-22T10:00:03Z',
        receivedAt,
      },
    ]);
  });

  it('resolves only once the write has completed', async () => {
    const repository = new MemoryFeedbackRepository();
    let release = (): void => undefined;
    repository.gate = new Promise<void>((resolve) => (release = resolve));
    const recording = new DurableFeedbackSink(repository).record('svc', entries);
    expect(await settledYet(recording)).toBe(false);
    expect(repository.feedback).toHaveLength(0);
    release();
    await recording;
    expect(repository.feedback).toHaveLength(entries.length);
  });

  it('rejects with a 503 OperationOutcome when the write fails, naming the failure but quoting no data', async () => {
    const repository = new MemoryFeedbackRepository();
    repository.failWith = Object.assign(new Error('disk I/O error while writing "done at the GP"'), { code: 'SQLITE_IOERR' });
    const error = await new DurableFeedbackSink(repository).record('svc', entries).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FeedbackNotStoredException);
    const exception = error as FeedbackNotStoredException;
    expect(exception.getStatus()).toBe(503);
    expect(exception.getResponse()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient' }] });
    expect(exception.message).toBe('feedback not stored (Error SQLITE_IOERR)');
    expect(`${exception.message} ${exception.stack} ${JSON.stringify(exception.getResponse())}`).not.toContain('done at the GP');
    expect(exception.cause).toBe(repository.failWith);
  });
});
