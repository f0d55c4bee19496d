import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { OperationOutcomeException } from '@pcb-cds/cds-hooks-api';
import { bearerToken } from './bearer-token';
import type { CdsClientAuthSettings } from './cds-client-auth.options';
import { CDS_CLIENT_AUTH_SETTINGS } from './cds-client-auth.options';
import { CdsClientJwtVerifier } from './cds-client-jwt.verifier';
import { ClientAuthenticationError } from './client-authentication.error';
import { expectedAudience, isCdsServicesRequest } from './request-audience';
import type { CdsClientRequest } from './verified-client';

/**
 * Global guard (APP_GUARD) requiring a valid CDS client JWT on discovery, service and feedback calls.
 * CORS preflights never get here (the CORS middleware answers them) and are let through anyway; paths
 * outside /cds-services are not checked.
 *
 * Every failure is the same 401: an OperationOutcome "Authentication required" and `WWW-Authenticate:
 * Bearer`, so a caller learns nothing about which check failed. The reason goes to the log at warn
 * level, without the token.
 */
@Injectable()
export class CdsClientAuthGuard implements CanActivate {
  private readonly logger = new Logger('CdsClientAuth');

  constructor(
    // Explicit @Inject: Nest needs the tokens at run time, type-only imports would erase them.
    @Inject(CdsClientJwtVerifier) private readonly verifier: CdsClientJwtVerifier,
    @Inject(CDS_CLIENT_AUTH_SETTINGS) private readonly settings: CdsClientAuthSettings,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') {
      return true;
    }
    const req = context.switchToHttp().getRequest<Request>();
    if (req.method === 'OPTIONS' || !isCdsServicesRequest(req)) {
      return true;
    }
    try {
      const token = bearerToken(req.headers.authorization);
      (req as CdsClientRequest).cdsClient = await this.verifier.verify(token, expectedAudience(req, this.settings.publicBaseUrl));
      return true;
    } catch (error) {
      if (!(error instanceof ClientAuthenticationError)) {
        throw error;
      }
      this.logger.warn(`${req.method} ${req.path} from ${req.ip ?? 'unknown address'} refused with 401 (${error.reason}): ${error.message}`);
      context.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer');
      throw OperationOutcomeException.of(401, 'login', 'Authentication required');
    }
  }
}
