import { json } from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { OperationOutcomeException } from './operation-outcome.exception';

/** CDS clients send `application/json`; FHIR-minded ones send `application/fhir+json`. */
export const JSON_MEDIA_TYPES = ['application/json', 'application/fhir+json'];

export const DEFAULT_BODY_LIMIT = '5mb';

/**
 * express.json for the CDS Hooks media types, whose errors become OperationOutcome exceptions with fixed texts:
 * body-parser's own errors carry the raw body (`err.body`) and JSON.parse messages quote part of it, which may
 * include the access token.
 */
export function createJsonBodyParser(limit: string | number = DEFAULT_BODY_LIMIT): RequestHandler {
  const parse = json({ limit, type: JSON_MEDIA_TYPES });
  // Named `jsonParser` on purpose: Nest skips registering its own JSON parser (100 kB limit) when one with this
  // name is already on the Express stack, so this one also wins in an app created with the default bodyParser.
  return function jsonParser(req: Request, res: Response, next: NextFunction): void {
    parse(req, res, (error?: unknown) => next(error === undefined ? undefined : toOperationOutcomeException(error)));
  };
}

function toOperationOutcomeException(error: unknown): unknown {
  const type = (error as { type?: unknown } | null)?.type;
  switch (type) {
    case 'entity.parse.failed':
      return OperationOutcomeException.of(400, 'structure', 'The request body is not valid JSON');
    case 'entity.too.large':
      return OperationOutcomeException.of(413, 'too-long', 'The request body is larger than the allowed limit');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return OperationOutcomeException.of(415, 'not-supported', 'The request body must be UTF-8 JSON');
    case 'request.aborted':
    case 'request.size.invalid':
      return OperationOutcomeException.of(400, 'incomplete', 'The request body was not received completely');
    default:
      return error; // not body-parser's: the filter answers a generic 500
  }
}
