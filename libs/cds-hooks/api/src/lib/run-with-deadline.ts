/**
 * Settles with `work`'s outcome, or rejects with `onTimeout()` once `ms` have passed, whichever comes first,
 * so that a caller waits at most `ms` whatever `work` does (a hung service, a stuck sink). JavaScript cannot
 * stop a promise: `work` gets a signal that fires at the deadline and is expected to stop starting new things
 * (fetches, ledger writes) once it has; its late result or error is dropped.
 */
export async function runWithDeadline<T>(ms: number, work: (signal: AbortSignal) => Promise<T>, onTimeout: () => Error): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(onTimeout());
    }, ms);
  });
  try {
    // Promise.race subscribes to both, so a late rejection of `work` is handled (never "unhandled").
    return await Promise.race([work(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}
