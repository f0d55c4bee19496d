import type { Request, Response } from 'express';
import type { CdsHookInvoker } from './cds-hook-invoker.service';
import type { HookBodyReader } from './hook-body-reader';
import { operationOutcomeResponse } from './operation-outcome.filter';

export interface HookCallDependencies {
  invoker: CdsHookInvoker;
  reader: HookBodyReader;
}

/**
 * Answers `POST /cds-services/{id}` once admitted (the fast hook route passes its guards as `admit`; on the Nest
 * route they have run already): body → invoker → 200 JSON, or the OperationOutcome of whatever failed, written
 * directly rather than through Express's `res.json` (its content negotiation and header work show in profiles of
 * this hot path). Both ways of serving the endpoint answer through here, so their bytes cannot drift. Never rejects.
 */
export async function answerHookCall(
  deps: HookCallDependencies,
  id: string,
  req: Request,
  res: Response,
  admit: () => Promise<void> = admitted,
): Promise<void> {
  try {
    await admit();
    req.body = await deps.reader.read(req, res);
    send(res, 200, await deps.invoker.invoke(id, req.body));
  } catch (error) {
    // The error's log line redacts the secrets of the body, so the body is slimmed only after it.
    answerError(error, req, res);
  } finally {
    req.body = withoutPrefetch(req.body);
  }
}

async function admitted(): Promise<void> {
  // nothing left to check
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

/** As OperationOutcomeFilter answers. */
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

/** What Express's `res.status(status).json(body)` sends under this app's settings (no ETag, no JSON spaces). */
function send(res: Response, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(json) });
  res.end(json);
}
