import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { JSON_MEDIA_TYPES } from './json-body-parser';
import { OperationOutcomeException } from './operation-outcome.exception';

/**
 * 415 for a POST whose body is not JSON. Without it, the JSON parser would just skip such a body and the
 * client would get a misleading "body must be a JSON object" 400. A POST without a body passes, and then
 * fails validation as a missing body.
 */
@Injectable()
export class JsonContentTypeGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (req.is(JSON_MEDIA_TYPES) === false) {
      throw OperationOutcomeException.of(415, 'not-supported', `Content-Type must be ${JSON_MEDIA_TYPES.join(' or ')}`);
    }
    return true;
  }
}
