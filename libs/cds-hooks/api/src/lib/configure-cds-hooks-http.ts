import type { CanActivate, INestApplication } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { RequestHandler } from 'express';
import { CDS_CLIENT_GUARD } from './cds-client-guard';
import { CdsHookInvoker } from './cds-hook-invoker.service';
import { headersSetBy } from './headers-set-by';
import { bodyReading, HookBodyReader } from './hook-body-reader';
import { HOOK_ENDPOINT_GUARDS } from './hook-endpoint-guards';
import { createHookRoute, isHookCall } from './hook-route';
import { DEFAULT_BODY_LIMIT, DEFAULT_MAX_JSON_DEPTH } from './json-body-parser';
import { OperationOutcomeFilter } from './operation-outcome.filter';
import { securityHeaders } from './security-headers';

/** Nest's CORS options, as enableCors takes them (its package root does not export the type). */
type CorsOptions = Exclude<NonNullable<Parameters<INestApplication['enableCors']>[0]>, (...args: never[]) => unknown>;

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
 * - The fast hook route first (`POST /cds-services/{id}`, see hook-route.ts; unless `fastHookRoute: false`): the
 *   hook endpoint's guards, body reader, headers and answers, without Nest's per-request machinery.
 * - Security headers (helmet, see security-headers.ts), so that every answer has them, preflights and
 *   errors included; they leave cross-origin reads to CORS.
 * - CORS on `/cds-services…` only, so that preflights and error answers carry its headers too: any origin,
 *   GET/POST/OPTIONS, Authorization allowed (the CDS Hooks sandbox sends a preflighted POST with a JWT bearer),
 *   and `Retry-After` readable by browser clients on a 429. Other paths get no CORS headers (same-origin only).
 * - JSON bodies (`application/json`, `application/fhir+json`) up to the limit; malformed or nested too deep →
 *   400, too large → 413, not UTF-8 → 415, prototype-polluting keys → 400, all as OperationOutcome. (Wrong
 *   content type → 415 is the controllers' guard.) The hook endpoint's body is read with the same checks after
 *   its guards instead (HookBodyReader), so that an unknown caller's body is never read.
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
  const reading = bodyReading({
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    maxJsonDepth: options.maxJsonDepth ?? DEFAULT_MAX_JSON_DEPTH,
  });
  const reader = optional<HookBodyReader>(app, HookBodyReader);
  reader?.use(reading);
  const invoker = optional<CdsHookInvoker>(app, CdsHookInvoker);
  if (reader && invoker && options.fastHookRoute !== false) {
    app.use(
      createHookRoute({
        invoker,
        reader,
        guards: [optional<CanActivate>(app, CDS_CLIENT_GUARD), ...HOOK_ENDPOINT_GUARDS.map((guard) => app.get(guard))].filter(
          (guard): guard is CanActivate => guard !== undefined,
        ),
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
  app.use(reader ? exceptHookCalls(reading.parseJson) : reading.parseJson);
  app.useGlobalFilters(new OperationOutcomeFilter());
  return app;
}

/** The parser for every request but hook calls: the hook endpoint reads its body after its guards (HookBodyReader). */
function exceptHookCalls(parseJson: RequestHandler): RequestHandler {
  return (req, res, next) => (isHookCall(req) ? next() : parseJson(req, res, next));
}

/** `/cds-services` and below (query string ignored), in any case, as Express routes it. */
function isCdsHooksApiPath(url: string): boolean {
  const path = url.split('?', 1)[0].toLowerCase();
  return path === '/cds-services' || path.startsWith('/cds-services/');
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
