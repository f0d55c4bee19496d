import type { CanActivate } from '@nestjs/common';
import { ForbiddenException } from '@nestjs/common';
import { labelRoute } from '@pcb-cds/platform-observability';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { HookCallDependencies } from './hook-call';
import { answerHookCall } from './hook-call';
import { HookController } from './hook.controller';
import { HttpExecutionContext } from './http-execution-context';

const HOOK_ROUTE_PATH = '/cds-services/:id';
const PREFIX = '/cds-services/';

export interface HookRouteDependencies extends HookCallDependencies {
  /**
   * In order: client authentication (when on), then HOOK_ENDPOINT_GUARDS. The instances Nest runs on the hook
   * endpoint's Nest route.
   */
  guards: CanActivate[];
  /** Headers every answer carries (security policy, CORS for a simple request), as the Nest routes send them. */
  headers: readonly (readonly [string, string])[];
}

/**
 * The fast hook route: `POST /cds-services/{id}`, the hot route (an EHR fires patient-view on every chart open),
 * answered ahead of Express's router and Nest's per-request pipeline (guard and parameter consumers) and of the
 * helmet and CORS middlewares, whose headers it sends pre-computed. It is the Nest route (HookController) without
 * that machinery: the same guard instances in the same order (authentication first, so an unknown caller's body is
 * never read), the same body reader, invoker and answers. What it saves is small: in CPU profiles of the bench
 * request the routing stage drops by about 0.1 ms of some 2 ms a call; `npm run bench` measures it ("fast hook route
 * gain"). Anything else (another method, discovery, feedback, a deeper path) goes on to Nest.
 */
export function createHookRoute(deps: HookRouteDependencies): RequestHandler {
  return function hookRoute(req: Request, res: Response, next: NextFunction): void {
    const id = req.method === 'POST' ? serviceIdOf(req.url) : undefined;
    if (id === undefined) {
      next();
      return;
    }
    labelRoute(req, HOOK_ROUTE_PATH);
    req.params = { id };
    for (const [name, value] of deps.headers) {
      res.setHeader(name, value);
    }
    const context = new HttpExecutionContext(req, res, HookController, HookController.prototype.callService);
    void answerHookCall(deps, id, req, res, () => runGuards(deps.guards, context));
  };
}

async function runGuards(guards: readonly CanActivate[], context: HttpExecutionContext): Promise<void> {
  for (const guard of guards) {
    const verdict = guard.canActivate(context);
    // As Nest does: a guard that answers false (rather than throwing its own error) forbids the call; so does
    // anything but true (an Observable verdict is not awaited here: it fails closed).
    if ((verdict instanceof Promise ? await verdict : verdict) !== true) {
      throw new ForbiddenException();
    }
  }
}

/** Whether Express would route this request to the hook endpoint (POST /cds-services/{id}). */
export function isHookCall(req: Pick<Request, 'method' | 'url'>): boolean {
  return req.method === 'POST' && serviceIdOf(req.url) !== undefined;
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
