import { STATUS_CODES } from 'node:http';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import { Catch, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { OperationOutcome } from 'fhir/r4';
import type { IssueCode } from '@pcb-cds/fhir-r4';
import { isOperationOutcome, operationOutcome } from '@pcb-cds/fhir-r4';
import { redactSecrets, requestSecrets } from './redact-secrets';

/**
 * Every error leaves as an OperationOutcome: ours as thrown, Nest's HttpExceptions (unknown route, …) with the
 * status phrase only — their messages can quote the request (Nest turns a JSON SyntaxError into a 400 whose
 * message contains part of the body) — and anything else as a generic 500 without a stack trace. Unexpected
 * errors are logged without the request body and with any token scrubbed from their text.
 */
@Catch()
export class OperationOutcomeFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const { status, outcome } = operationOutcomeResponse(exception, http.getRequest<Request>());
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(status).json(outcome);
  }
}

const logger = new Logger('CdsHooksHttp');

/** The status and OperationOutcome an error is answered with (the filter's, and the hook route's). */
export function operationOutcomeResponse(exception: unknown, req: Request): { status: number; outcome: OperationOutcome } {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    if (status >= 500) {
      logUnexpected(exception, req);
    }
    return { status, outcome: isOperationOutcome(body) ? body : operationOutcome(issueCodeFor(status), STATUS_CODES[status] ?? 'Error') };
  }
  logUnexpected(exception, req);
  return { status: 500, outcome: operationOutcome('exception', 'Internal server error') };
}

function logUnexpected(exception: unknown, req: Request): void {
  const secrets = requestSecrets(req);
  const error = exception instanceof Error ? exception : new Error(`Non-error thrown: ${typeof exception}`);
  logger.error(
    redactSecrets(`${req.method} ${req.path} failed: ${error.name}: ${error.message}`, secrets),
    redactSecrets(error.stack ?? '', secrets),
  );
}

export function issueCodeFor(status: number): IssueCode {
  switch (status) {
    case 400:
      return 'invalid';
    case 401:
      return 'login';
    case 403:
      return 'forbidden';
    case 404:
      return 'not-found';
    case 405:
    case 415:
      return 'not-supported';
    case 408:
      return 'timeout';
    case 409:
      return 'conflict';
    case 412:
      return 'processing';
    case 413:
      return 'too-long';
    case 429:
      return 'throttled';
    default:
      return status >= 500 ? 'exception' : 'processing';
  }
}
