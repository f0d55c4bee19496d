import { runWithDeadline } from './run-with-deadline';

const late = (): Error => new Error('deadline');

describe('runWithDeadline', () => {
  it('returns the result of work that finishes in time, and its signal never fires', async () => {
    let signal: AbortSignal | undefined;
    await expect(runWithDeadline(1000, async (s) => ((signal = s), 'done'), late)).resolves.toBe('done');
    expect(signal?.aborted).toBe(false);
  });

  it('passes on the error of work that fails in time', async () => {
    await expect(runWithDeadline(1000, async () => Promise.reject(new Error('boom')), late)).rejects.toThrow('boom');
  });

  it('rejects with the timeout error when work never settles, and aborts its signal', async () => {
    let signal: AbortSignal | undefined;
    await expect(runWithDeadline(20, (s) => ((signal = s), new Promise<never>(() => undefined)), late)).rejects.toThrow('deadline');
    expect(signal?.aborted).toBe(true);
  });

  it('drops a late rejection of work without an unhandled rejection', async () => {
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    try {
      let fail!: (e: Error) => void;
      const work = new Promise<never>((_r, reject) => (fail = reject));
      await expect(runWithDeadline(10, () => work, late)).rejects.toThrow('deadline');
      fail(new Error('too late'));
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('passes on a synchronous throw of work', async () => {
    await expect(
      runWithDeadline(
        1000,
        () => {
          throw new Error('sync');
        },
        late,
      ),
    ).rejects.toThrow('sync');
  });
});
