import type { CanActivate } from '@nestjs/common';
import { ForbiddenException } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { CdsHookInvoker } from './cds-hook-invoker.service';
import { operationOutcomeResponse } from './operation-outcome.filter';
import type { JsonBodyLimits } from './read-json-body';
import { readJsonBody, readsPlainBody } from './read-json-body';

/** Where Express leaves routing results; the request observer labels access logs and metrics with them. */
interface RoutedRequest extends Request {
  route: { path: string };
}

const HOOK_ROUTE_PATH = '/cds-services/:id';
const PREFIX = '/cds-services/';

export interface HookRouteDependencies {
  invoker: CdsHookInvoker;
  /** In order: client authentication (when on), rate limit, JSON content type. The same instances Nest uses. */
  guards: CanActivate[];
  /** The hardened JSON body parser of every route (limit, UTF-8, nesting depth, prototype keys). */
  parseJson: RequestHandler;
  /** Its limits, for the lean reader of plain (not compressed) bodies. */
  bodyLimits: JsonBodyLimits;
  /** Headers every answer carries (security policy, CORS for a simple request), as the Nest routes send them. */
  headers: readonly (readonly [string, string])[];
}

/**
 * `POST /cds-services/{id}`, the hot route (an EHR fires patient-view on every chart open), served without
 * Nest's per-request machinery: profiles showed the router, interceptor and response layers, helmet's
 * per-request header building and Express's `res.json` costing several times the guideline itself. Each
 * step is the one the Nest routes use — the same guard instances (authentication first, so an unknown
 * caller's body is never read), the same body checks (a lean reader for plain bodies), the same invoker,
 * the same OperationOutcome errors — and the pre-computed headers are those the Nest routes send. Anything
 * else (another method, discovery, feedback, a deeper path) goes on to Nest.
 */
export function createHookRoute(deps: HookRouteDependencies): RequestHandler {
  return function hookRoute(req: Request, res: Response, next: NextFunction): void {
    const id = req.method === 'POST' ? serviceIdOf(req.url) : undefined;
    if (id === undefined) {
      next();
      return;
    }
    const routed = req as RoutedRequest;
    routed.route = { path: HOOK_ROUTE_PATH };
    routed.params = { id };
    for (const [name, value] of deps.headers) {
      res.setHeader(name, value);
    }
    serve(deps, id, req, res)
      // The error's log line redacts the secrets of the body, so the body is slimmed only after it.
      .catch((error: unknown) => answerError(error, req, res))
      .finally(() => {
        req.body = withoutPrefetch(req.body);
      });
  };
}

async function serve(deps: HookRouteDependencies, id: string, req: Request, res: Response): Promise<void> {
  const context = new ExecutionContextHost([req, res]);
  for (const guard of deps.guards) {
    const verdict = guard.canActivate(context);
    // As Nest does: a guard that answers false (rather than throwing its own error) forbids the call; so does
    // anything but true (an Observable verdict is not awaited here: it fails closed).
    if ((verdict instanceof Promise ? await verdict : verdict) !== true) {
      throw new ForbiddenException();
    }
  }
  if (readsPlainBody(req)) {
    req.body = await readJsonBody(req, deps.bodyLimits);
  } else {
    await new Promise<void>((resolve, reject) =>
      deps.parseJson(req, res, (error?: unknown) => (error === undefined ? resolve() : reject(error))),
    );
  }
  send(res, 200, await deps.invoker.invoke(id, req.body));
}

/**
 * What the request keeps of its body once answered: its hookInstance (the access log's correlation id) only.
 * A keep-alive connection holds its last request until the next one arrives, and a parsed prefetch is a few
 * hundred kB: kept, every in-flight connection's prefetch survived the next minor GC and was promoted, which
 * profiles showed costing more than the guideline.
 */
function withoutPrefetch(body: unknown): unknown {
  const hookInstance = (body as { hookInstance?: unknown } | undefined)?.hookInstance;
  return hookInstance === undefined ? undefined : { hookInstance };
}

function answerError(error: unknown, req: Request, res: Response): void {
  try {
    if (res.headersSent) {
      res.end();
      return;
    }
    const { status, outcome } = operationOutcomeResponse(error, req);
    send(res, status, outcome);
  } catch {
    res.destroy(); // the connection is unusable (e.g. already closed): nothing left to answer on
  }
}

function send(res: Response, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(json) });
  res.end(json);
}

/**
 * The `{id}` of `/cds-services/{id}` as Express would route it (case-insensitive path, one optional
 * trailing slash, query ignored, percent-decoded), or undefined for any other path.
 */
export function serviceIdOf(url: string): string | undefined {
  const query = url.indexOf('?');
  let path = query === -1 ? url : url.slice(0, query);
  if (path.length <= PREFIX.length || path.slice(0, PREFIX.length).toLowerCase() !== PREFIX) {
    return undefined;
  }
  if (path.endsWith('/')) {
    path = path.slice(0, -1);
  }
  const segment = path.slice(PREFIX.length);
  if (segment === '' || segment.includes('/')) {
    return undefined;
  }
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined; // Express answers a malformed escape with its own 400
  }
}
