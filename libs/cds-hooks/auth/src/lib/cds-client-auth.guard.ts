import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { OperationOutcomeException } from '@pcb-cds/cds-hooks-api';
import type { AuthFailureCounter } from './auth-failure.counter';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { bearerToken } from './bearer-token';
import type { CdsClientAuthSettings } from './cds-client-auth.options';
import { CDS_CLIENT_AUTH_SETTINGS } from './cds-client-auth.options';
import { CdsClientJwtVerifier } from './cds-client-jwt.verifier';
import { ClientAuthenticationError } from './client-authentication.error';
import { expectedAudiences, isCdsServicesRequest } from './request-audience';
import type { CdsClientRequest } from './verified-client';

/**
 * Global guard (APP_GUARD) requiring a valid CDS client JWT on discovery, service and feedback calls.
 * CORS preflights never get here (the CORS middleware answers them) and are let through anyway; paths
 * outside /cds-services are not checked.
 *
 * Every failure is the same 401: an OperationOutcome "Authentication required" and `WWW-Authenticate:
 * Bearer`, so a caller learns nothing about which check failed. The reason goes to the log at warn
 * level, without the token. An address that failed too often in the last minute gets 429 with
 * `Retry-After` before its token is even read (see AuthFailureLimiter).
 */
@Injectable()
export class CdsClientAuthGuard implements CanActivate {
  private readonly logger = new Logger('CdsClientAuth');
  private readonly failures?: AuthFailureCounter;

  constructor(
    // Explicit @Inject: Nest needs the tokens at run time, type-only imports would erase them.
    @Inject(CdsClientJwtVerifier) private readonly verifier: CdsClientJwtVerifier,
    @Inject(CDS_CLIENT_AUTH_SETTINGS) private readonly settings: CdsClientAuthSettings,
  ) {
    const limit = settings.authFailuresPerMinute;
    this.failures = limit > 0 ? (settings.authFailureCounter?.(limit) ?? new AuthFailureLimiter(limit)) : undefined;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') {
      return true;
    }
    const req = context.switchToHttp().getRequest<Request>();
    if (req.method === 'OPTIONS' || !isCdsServicesRequest(req)) {
      return true;
    }
    const res = context.switchToHttp().getResponse<Response>();
    const address = clientAddress(req);
    // A shared counter that cannot answer throws (503): the request is refused, never let through uncounted.
    const retryAfter = (await this.failures?.retryAfterSeconds(address)) ?? 0;
    if (retryAfter > 0) {
      res.setHeader('Retry-After', String(retryAfter));
      throw OperationOutcomeException.of(
        429,
        'throttled',
        `Too many failed authentications from this address; retry after ${retryAfter} s`,
      );
    }
    try {
      const token = bearerToken(req.headers.authorization);
      (req as CdsClientRequest).cdsClient = await this.verifier.verify(token, expectedAudiences(req, this.settings.audienceBaseUrls));
      return true;
    } catch (error) {
      if (!(error instanceof ClientAuthenticationError)) {
        throw error;
      }
      this.logger.warn(`${req.method} ${req.path} from ${address} refused with 401 (${error.reason}): ${error.message}`);
      if (await this.failures?.recordFailure(address)) {
        this.logger.warn(
          `${address} failed authentication ${this.settings.authFailuresPerMinute} times within a minute: refused with 429 until it slows down`,
        );
      }
      res.setHeader('WWW-Authenticate', 'Bearer');
      throw OperationOutcomeException.of(401, 'login', 'Authentication required');
    }
  }
}

/** Express's `req.ip` honours the app's `trust proxy` setting (behind a proxy: the client's, not the proxy's). */
function clientAddress(req: Request): string {
  return req.ip ?? req.socket?.remoteAddress ?? 'unknown address';
}
