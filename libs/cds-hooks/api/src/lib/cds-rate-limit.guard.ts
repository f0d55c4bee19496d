import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Inject, Injectable } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import type { CdsHooksRuntimeOptions } from './cds-hooks-api.options';
import { CDS_HOOKS_RUNTIME_OPTIONS } from './cds-hooks-api.options';
import { OperationOutcomeException } from './operation-outcome.exception';

/** Nest token of the ThrottlerStorage counting hits (in memory by default; shared, e.g. Redis, if the app gives one). */
export const CDS_RATE_LIMIT_STORAGE = Symbol('CDS_RATE_LIMIT_STORAGE');

/** The throttler name under which hits are stored (a storage may be shared with other throttlers). */
const THROTTLER_NAME = 'cds-hooks';

/**
 * Per-client rate limit of the `/cds-services` routes, one budget per client across discovery, services and
 * feedback: over it, 429 with an OperationOutcome and `Retry-After` (seconds until the oldest counted request
 * leaves the window). A sliding window without a penalty block: a client that slows down is served again at
 * once. Requests refused here are not counted, so a client cannot lock itself out for longer by retrying.
 */
@Injectable()
export class CdsRateLimitGuard implements CanActivate {
  constructor(
    @Inject(CDS_HOOKS_RUNTIME_OPTIONS) private readonly options: CdsHooksRuntimeOptions,
    @Inject(CDS_RATE_LIMIT_STORAGE) private readonly storage: ThrottlerStorage,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const limit = this.options.rateLimit;
    if (limit === false) {
      return true;
    }
    const http = context.switchToHttp();
    const record = await this.storage.increment(rateLimitKey(http.getRequest<Request>()), limit.ttlMs, limit.limit, 0, THROTTLER_NAME);
    if (!record.isBlocked) {
      return true;
    }
    const retryAfter = Math.max(1, record.timeToBlockExpire);
    http.getResponse<Response>().setHeader('Retry-After', String(retryAfter));
    throw OperationOutcomeException.of(429, 'throttled', `Too many requests from this client; retry after ${retryAfter} s`);
  }
}

/**
 * Whom a request counts against: the authenticated CDS client (`req.cdsClient.iss`, set by the
 * authentication guard, which must therefore run first) or else the remote address. Behind a reverse proxy the
 * app must set Express's `trust proxy` so that `req.ip` is the client's, not the proxy's.
 */
export function rateLimitKey(req: Request): string {
  const iss = (req as Request & { cdsClient?: { iss?: unknown } }).cdsClient?.iss;
  if (typeof iss === 'string' && iss !== '') {
    return `client:${iss}`;
  }
  return `address:${req.ip ?? req.socket?.remoteAddress ?? 'unknown'}`;
}
