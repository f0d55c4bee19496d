import type { ObservabilityOptions } from './observability.options';
import { ReadinessService } from './readiness.service';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const service = (options: ObservabilityOptions): ReadinessService => new ReadinessService(options);

describe('ReadinessService', () => {
  it('lets concurrent probes share one run of the checks', async () => {
    const gate = deferred();
    const check = jest.fn(() => gate.promise);
    const readiness = service({ readinessChecks: [{ name: 'db', check }], readinessCacheMs: 0 });
    const first = readiness.report();
    const second = readiness.report();
    gate.resolve();
    expect(await first).toEqual(await second);
    expect(check).toHaveBeenCalledTimes(1);
    await readiness.report();
    expect(check).toHaveBeenCalledTimes(2);
  });

  it('reuses a result for readinessCacheMs', async () => {
    const check = jest.fn(async () => undefined);
    const readiness = service({ readinessChecks: [{ name: 'db', check }], readinessCacheMs: 60_000 });
    await readiness.report();
    await readiness.report();
    expect(check).toHaveBeenCalledTimes(1);
  });

  it('counts a check that throws synchronously as failed', async () => {
    const readiness = service({
      readinessChecks: [
        {
          name: 'sync',
          check: () => {
            throw new Error('not even a promise');
          },
        },
      ],
    });
    expect(await readiness.report()).toEqual({ status: 'unavailable', checks: [{ name: 'sync', status: 'failed' }] });
  });

  it('answers "shutting-down" once marked, without running the checks', async () => {
    const check = jest.fn(async () => undefined);
    const readiness = service({ readinessChecks: [{ name: 'db', check }] });
    readiness.markShuttingDown();
    expect(await readiness.report()).toEqual({ status: 'shutting-down', checks: [] });
    expect(check).not.toHaveBeenCalled();
  });

  it('refuses two checks with one name', () => {
    const check = async (): Promise<void> => undefined;
    expect(() =>
      service({
        readinessChecks: [
          { name: 'db', check },
          { name: 'db', check },
        ],
      }),
    ).toThrow('registered twice');
  });
});
