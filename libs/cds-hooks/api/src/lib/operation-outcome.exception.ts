import { HttpException } from '@nestjs/common';
import type { OperationOutcome } from 'fhir/r4';
import type { IssueCode } from '@pcb-cds/fhir-r4';
import { operationOutcome } from '@pcb-cds/fhir-r4';
import type { ValidationProblem } from './validation-result';

/**
 * An HTTP error whose body is an OperationOutcome. Thrown by this layer, and usable by services (e.g. a 412
 * when the guideline finds required data missing); the global filter sends the outcome as is.
 */
export class OperationOutcomeException extends HttpException {
  constructor(
    status: number,
    readonly outcome: OperationOutcome,
  ) {
    super(outcome, status);
  }

  static of(
    status: number,
    code: IssueCode,
    text: string,
    options: { diagnostics?: string; expression?: string[] } = {},
  ): OperationOutcomeException {
    return new OperationOutcomeException(status, operationOutcome(code, text, options));
  }

  /** 400 naming the offending field (as a FHIRPath-like `expression`) so a client developer can fix it. */
  static badRequest(problem: ValidationProblem): OperationOutcomeException {
    return OperationOutcomeException.of(400, problem.code, problem.text, { expression: [problem.field] });
  }
}
