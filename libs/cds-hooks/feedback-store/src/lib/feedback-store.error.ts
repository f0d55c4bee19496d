/**
 * A store failure described without the data involved: driver messages can quote values (a clinician's
 * comment may hold PHI), so only the error's class and code are kept in the message; the original error
 * stays available as `cause` for a debugger, and is never formatted into logs by this library.
 */
export function describeStoreFailure(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' || typeof code === 'number' ? `${error.name} ${code}` : error.name;
  }
  return typeof error;
}

/** Thrown by the card ledger when issued cards could not be stored. */
export class CardLedgerWriteError extends Error {
  override readonly name = 'CardLedgerWriteError';

  constructor(cause: unknown) {
    super(`issued cards not stored (${describeStoreFailure(cause)})`, { cause });
  }
}

/** A repository was used after `close()`. */
export class FeedbackStoreClosedError extends Error {
  override readonly name = 'FeedbackStoreClosedError';

  constructor() {
    super('the feedback repository is closed');
  }
}
