import type { INestApplication } from '@nestjs/common';
import { createJsonBodyParser } from './json-body-parser';
import { OperationOutcomeFilter } from './operation-outcome.filter';
import { securityHeaders } from './security-headers';

export interface CdsHooksHttpOptions {
  /** Largest accepted request body (prefetch can be big); default 5 MB. */
  bodyLimit?: string | number;
  /** Deepest nesting of arrays/objects accepted in a JSON body; default 100. */
  maxJsonDepth?: number;
}

/**
 * The HTTP plumbing CDS Hooks needs, shared by the app's main.ts and the tests so both run the same stack.
 * Call it after creating the app (preferably with `{ bodyParser: false }`) and BEFORE `init()`/`listen()`:
 * Express middleware registered after the routes would never run.
 *
 * - Security headers first (helmet, see security-headers.ts), so that every answer has them, preflights and
 *   errors included; they leave cross-origin reads to CORS.
 * - CORS next, so that preflights and error answers carry its headers too: any origin, GET/POST/OPTIONS,
 *   Authorization allowed (the CDS Hooks sandbox sends a preflighted POST with a JWT bearer), and
 *   `Retry-After` readable by browser clients on a 429.
 * - JSON bodies (`application/json`, `application/fhir+json`) up to the limit; malformed or nested too deep →
 *   400, too large → 413, not UTF-8 → 415, prototype-polluting keys → 400, all as OperationOutcome. (Wrong
 *   content type → 415 is the controllers' guard.)
 * - A global exception filter: no error leaves as anything but an OperationOutcome.
 */
export function configureCdsHooksHttp<T extends INestApplication>(app: T, options: CdsHooksHttpOptions = {}): T {
  // Every answer is computed per request and marked no-store: hashing it for an ETag is wasted work.
  const express = app.getHttpAdapter().getInstance() as { set?: (setting: string, value: unknown) => void; disable?: (setting: string) => void };
  express.set?.('etag', false);
  express.disable?.('x-powered-by');
  app.use(securityHeaders());
  app.enableCors({
    origin: '*',
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Accept'],
    exposedHeaders: ['Retry-After', 'X-Request-Id'],
    maxAge: 600,
  });
  app.use(createJsonBodyParser({ limit: options.bodyLimit, maxDepth: options.maxJsonDepth }));
  app.useGlobalFilters(new OperationOutcomeFilter());
  return app;
}
