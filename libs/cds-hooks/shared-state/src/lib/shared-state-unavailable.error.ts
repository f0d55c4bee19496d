import { HttpException } from '@nestjs/common';
import { operationOutcome } from '@pcb-cds/fhir-r4';

/**
 * The shared state (Redis) did not answer. Whatever asked is refused with 503 and an OperationOutcome: a token
 * whose single use cannot be recorded, or a client whose requests cannot be counted, is never let through.
 * The cause (a connection error) goes to the log through the exception filter, not to the caller.
 */
export class SharedStateUnavailableError extends HttpException {
  constructor(what: string, cause?: unknown) {
    super(operationOutcome('transient', `${what} is unavailable at the moment; retry shortly`), 503, { cause });
    // For the log line of the exception filter only (the caller gets the OperationOutcome): what failed and why.
    // ioredis errors name the failure and at most host:port, never the password of REDIS_URL.
    this.message = `${what} is unavailable: ${cause instanceof Error ? `${cause.name}: ${cause.message}` : 'Redis did not answer'}`;
  }
}
