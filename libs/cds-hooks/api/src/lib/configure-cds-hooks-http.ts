import type { INestApplication } from '@nestjs/common';
import { createJsonBodyParser, DEFAULT_BODY_LIMIT } from './json-body-parser';
import { OperationOutcomeFilter } from './operation-outcome.filter';

export interface CdsHooksHttpOptions {
  /** Largest accepted request body (prefetch can be big); default 5 MB. */
  bodyLimit?: string | number;
}

/**
 * The HTTP plumbing CDS Hooks needs, shared by the app's main.ts and the tests so both run the same stack.
 * Call it after creating the app (preferably with `{ bodyParser: false }`) and BEFORE `init()`/`listen()`:
 * Express middleware registered after the routes would never run.
 *
 * - CORS first, so that preflights and error answers carry the headers too: any origin, GET/POST/OPTIONS,
 *   and Authorization allowed (the CDS Hooks sandbox sends a preflighted POST with a JWT bearer).
 * - JSON bodies (`application/json`, `application/fhir+json`) up to the limit; malformed → 400, too large →
 *   413, non-UTF-8 → 415, all as OperationOutcome. (Wrong content type → 415 is the controllers' guard.)
 * - A global exception filter: no error leaves as anything but an OperationOutcome.
 */
export function configureCdsHooksHttp<T extends INestApplication>(app: T, options: CdsHooksHttpOptions = {}): T {
  app.enableCors({
    origin: '*',
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Accept'],
    maxAge: 600,
  });
  app.use(createJsonBodyParser(options.bodyLimit ?? DEFAULT_BODY_LIMIT));
  app.useGlobalFilters(new OperationOutcomeFilter());
  return app;
}
