import { ServiceUnavailableException } from '@nestjs/common';
import { operationOutcome } from '@pcb-cds/fhir-r4';
import { describeStoreFailure } from './feedback-store.error';

/**
 * Feedback could not be stored durably: the HTTP answer is 503 with an OperationOutcome (`transient`), so the
 * client retries rather than believing it was saved. The message names the failure's class and code only.
 */
export class FeedbackNotStoredException extends ServiceUnavailableException {
  constructor(cause: unknown) {
    super(operationOutcome('transient', 'Feedback could not be stored; please retry later'), { cause });
    this.message = `feedback not stored (${describeStoreFailure(cause)})`;
  }
}
