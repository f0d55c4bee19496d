import type { CanActivate, INestApplication } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import bytes from 'bytes';
import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';
import { CDS_CLIENT_GUARD } from './cds-client-guard';
import { CdsHookInvoker } from './cds-hook-invoker.service';
import { CdsRateLimitGuard } from './cds-rate-limit.guard';
import { headersSetBy } from './headers-set-by';
import { createHookRoute } from './hook-route';
import { createJsonBodyParser, DEFAULT_BODY_LIMIT, DEFAULT_MAX_JSON_DEPTH } from './json-body-parser';
import { JsonContentTypeGuard } from './json-content-type.guard';
import { OperationOutcomeFilter } from './operation-outcome.filter';
import { securityHeaders } from './security-headers';

const CORS = {
  origin: '*',
  methods: ['GET', 'POST', 'OPTIONS'],
  allowedHeaders: ['Authorization', 'Content-Type', 'Accept'],
  exposedHeaders: ['Retry-After', 'X-Request-Id'],
  maxAge: 600,
} as const satisfies CorsOptions;

/** What the CORS middleware adds to a simple (non-preflight) request under CORS above. */
const CORS_SIMPLE_REQUEST_HEADERS: [string, string][] = [
  ['Access-Control-Allow-Origin', CORS.origin],
  ['Access-Control-Expose-Headers', CORS.exposedHeaders.join(',')],
];

export interface CdsHooksHttpOptions {
  /** Largest accepted request body (prefetch can be big); default 5 MB. */
  bodyLimit?: string | number;
  /** Deepest nesting of arrays/objects accepted in a JSON body; default 100. */
  maxJsonDepth?: number;
  /**
   * Serve `POST /cds-services/{id}` by the fast hook route (hook-route.ts) ahead of Nest; default true. Off, the
   * Nest controller route answers it: the same guards, checks and answers, through Nest's per-request machinery.
   */
  fastHookRoute?: boolean;
}

/**
 * The HTTP plumbing CDS Hooks needs, shared by the app's main.ts and the tests so both run the same stack.
 * Call it after creating the app (preferably with `{ bodyParser: false }`) and BEFORE `init()`/`listen()`:
 * Express middleware registered after the routes would never run.
 *
 * - The hook route first (`POST /cds-services/{id}`, see hook-route.ts): it runs the same guards, parser,
 *   headers and error answers as the steps below, without Nest's per-request machinery.
 * - Security headers (helmet, see security-headers.ts), so that every answer has them, preflights and
 *   errors included; they leave cross-origin reads to CORS.
 * - CORS on `/cds-services…` only, so that preflights and error answers carry its headers too: any origin,
 *   GET/POST/OPTIONS, Authorization allowed (the CDS Hooks sandbox sends a preflighted POST with a JWT bearer),
 *   and `Retry-After` readable by browser clients on a 429. Other paths get no CORS headers (same-origin only).
 * - JSON bodies (`application/json`, `application/fhir+json`) up to the limit; malformed or nested too deep →
 *   400, too large → 413, not UTF-8 → 415, prototype-polluting keys → 400, all as OperationOutcome. (Wrong
 *   content type → 415 is the controllers' guard.)
 * - A global exception filter: no error leaves as anything but an OperationOutcome.
 */
export function configureCdsHooksHttp<T extends INestApplication>(app: T, options: CdsHooksHttpOptions = {}): T {
  // Every answer is computed per request and marked no-store: hashing it for an ETag is wasted work.
  const express = app.getHttpAdapter().getInstance() as {
    set?: (setting: string, value: unknown) => void;
    disable?: (setting: string) => void;
  };
  express.set?.('etag', false);
  express.disable?.('x-powered-by');
  const headers = securityHeaders();
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const maxDepth = options.maxJsonDepth ?? DEFAULT_MAX_JSON_DEPTH;
  const bodyLimits = { limitBytes: limitInBytes(bodyLimit), maxDepth };
  const parseJson = createJsonBodyParser({ limit: bodyLimit, maxDepth });
  const invoker = optional<CdsHookInvoker>(app, CdsHookInvoker);
  if (invoker && options.fastHookRoute !== false) {
    app.use(
      createHookRoute({
        invoker,
        guards: [optional<CanActivate>(app, CDS_CLIENT_GUARD), app.get(CdsRateLimitGuard), app.get(JsonContentTypeGuard)].filter(
          (guard): guard is CanActivate => guard !== undefined,
        ),
        parseJson,
        bodyLimits,
        headers: [...headersSetBy(headers), ...CORS_SIMPLE_REQUEST_HEADERS],
      }),
    );
  }
  app.use(headers);
  const cors = { ...CORS, methods: [...CORS.methods], allowedHeaders: [...CORS.allowedHeaders], exposedHeaders: [...CORS.exposedHeaders] };
  // Cross-origin browsers (the CDS Hooks sandbox) are served on the CDS Hooks API only; every other path (the card
  // viewer's proxy, which signs calls, and its config) stays same-origin: no CORS header at all.
  app.enableCors((req: { url?: string }, callback: (error: Error | null, options: CorsOptions) => void) =>
    callback(null, isCdsHooksApiPath(req.url ?? '') ? cors : { origin: false }),
  );
  app.use(parseJson);
  app.useGlobalFilters(new OperationOutcomeFilter());
  return app;
}

/** `/cds-services` and below (query string ignored). */
function isCdsHooksApiPath(url: string): boolean {
  const path = url.split('?', 1)[0];
  return path === '/cds-services' || path.startsWith('/cds-services/');
}

/** The limit as body-parser reads it ('5mb', 1048576, …); a limit it cannot read refuses to start. */
function limitInBytes(limit: string | number): number {
  const parsed = typeof limit === 'number' ? limit : bytes.parse(limit);
  if (parsed === null || !Number.isFinite(parsed) || parsed < 0) {
    throw new Error(`bodyLimit ${JSON.stringify(limit)} is not a size (e.g. '5mb' or a number of bytes)`);
  }
  return parsed;
}

/**
 * A provider the app may not have (no CDS services registered, authentication off). Asked of the ModuleRef:
 * an app made by NestFactory aborts the process on a failed `app.get`.
 */
function optional<P>(app: INestApplication, token: unknown): P | undefined {
  try {
    return app.get(ModuleRef).get(token as string, { strict: false }) as P;
  } catch {
    return undefined;
  }
}
