/** Byte limits on what a FHIR server may send back; a body past them is cut off while it streams. */
export interface FhirResponseLimits {
  /** One response (headers excluded), pages counted one by one. */
  maxResponseBytes: number;
  /** All responses of one FhirRestClient together (for prefetch: one hook request's fetches and pages). */
  maxTotalBytes: number;
}

/**
 * A patient's whole prefetch is typically tens of kB; 4 MiB leaves room for long histories while keeping a
 * hostile or broken server (the probe streamed ~210 MB per call) from filling the service's memory.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
/** Ten prefetch searches with a few pages each fit well below it; a hook needing more is not a normal chart. */
export const DEFAULT_MAX_TOTAL_BYTES = 16 * 1024 * 1024;

export const DEFAULT_FHIR_RESPONSE_LIMITS: FhirResponseLimits = {
  maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
  maxTotalBytes: DEFAULT_MAX_TOTAL_BYTES,
};

/** Checks limits given by a caller (e.g. from the environment); a bad value is a start-up error, not a 412 later. */
export function checkResponseLimits(limits: Partial<FhirResponseLimits> | undefined): FhirResponseLimits {
  const maxResponseBytes = limits?.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const maxTotalBytes = limits?.maxTotalBytes ?? Math.max(DEFAULT_MAX_TOTAL_BYTES, maxResponseBytes);
  for (const [name, value] of [
    ['maxResponseBytes', maxResponseBytes],
    ['maxTotalBytes', maxTotalBytes],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new TypeError(`FHIR response limit ${name} must be a positive integer number of bytes`);
    }
  }
  if (maxTotalBytes < maxResponseBytes) {
    throw new TypeError(
      `FHIR response limit maxTotalBytes (${maxTotalBytes}) must not be smaller than maxResponseBytes (${maxResponseBytes})`,
    );
  }
  return { maxResponseBytes, maxTotalBytes };
}

/** Raised inside the HTTP layer when a body passes a limit; the client turns it into FhirRequestError `too-large`. */
export class ResponseTooLargeError extends Error {
  override readonly name = 'ResponseTooLargeError';

  constructor(
    readonly limit: keyof FhirResponseLimits,
    readonly limitBytes: number,
  ) {
    super(`FHIR response passed ${limit} (${limitBytes} bytes)`);
  }
}

/**
 * Raised when a server compresses its answer although the client asked for `identity`: the body would be
 * decompressed after the byte count, so a small compressed body could still expand to gigabytes.
 */
export class UnrequestedEncodingError extends Error {
  override readonly name = 'UnrequestedEncodingError';
}

/** The bytes received so far by one FhirRestClient, against its total limit. */
export class ResponseByteBudget {
  private spent = 0;

  constructor(readonly limits: FhirResponseLimits) {}

  /** Would a response announcing `bytes` (its Content-Length) fit what is left? */
  fits(bytes: number): boolean {
    return this.spent + bytes <= this.limits.maxTotalBytes;
  }

  /** @throws ResponseTooLargeError when the total passes the limit. */
  spend(bytes: number): void {
    this.spent += bytes;
    if (this.spent > this.limits.maxTotalBytes) {
      throw new ResponseTooLargeError('maxTotalBytes', this.limits.maxTotalBytes);
    }
  }
}
