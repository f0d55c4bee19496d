import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { getStatus, isResourceType, normalizeOperationOutcome, serverError } from '@medplum/core';
import type { HttpMethod } from '@medplum/fhir-router';
import type { Reply, SandboxContext } from './dispatch-fhir-request';
import { dispatchFhirRequest, errorReply } from './dispatch-fhir-request';
import { sendFhirJson, sendPreflight } from './fhir-http-response';
import { parseRequestBody } from './parse-request-body';
import { readRequestBody } from './read-request-body';

const METHODS = new Set<string>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** The path below the FHIR base, or undefined when the request is not under it. */
function pathBelowBase(pathname: string, basePath: string): string | undefined {
  if (pathname !== basePath && !pathname.startsWith(basePath + '/')) {
    return undefined;
  }
  return pathname.slice(basePath.length).split('/').filter(Boolean).join('/');
}

async function replyTo(ctx: SandboxContext, req: IncomingMessage): Promise<Reply> {
  const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
  const path = pathBelowBase(url.pathname, ctx.basePath);
  const body = await readRequestBody(req);
  if (path === undefined) {
    return errorReply(404, 'not-found', `Not a FHIR endpoint; the FHIR base is ${ctx.baseUrl}`);
  }
  const method = req.method ?? '';
  if (!METHODS.has(method)) {
    return errorReply(405, 'not-supported', `Method ${method} is not supported`);
  }
  if (body.tooLarge) {
    return errorReply(413, 'too-costly', 'Request body exceeds 10 MB');
  }
  if (method === 'GET' && path === 'metadata') {
    return { status: 200, body: ctx.capabilityStatement };
  }
  const parsed = parseRequestBody(body.bytes, req.headers['content-type']);
  if (!parsed.ok) {
    return errorReply(400, 'structure', parsed.error);
  }
  // medplum would answer a read of an unknown type 404 and store a create of one.
  const type = path.split('/')[0];
  if (type !== '' && !type.startsWith('$') && !isResourceType(type)) {
    return errorReply(400, 'not-supported', `Unknown resource type '${type}'`);
  }
  // Authorization headers pass through unread: the sandbox has no security.
  return dispatchFhirRequest(ctx, method as HttpMethod, path, url, parsed, req.headers);
}

async function handle(ctx: SandboxContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === 'OPTIONS') {
    sendPreflight(res);
    return;
  }
  const reply = await replyTo(ctx, req);
  sendFhirJson(res, reply.status, reply.body, reply.headers);
}

/** node:http listener serving the FHIR REST API under `ctx.basePath`. Never throws. */
export function createRequestListener(ctx: SandboxContext): RequestListener {
  return (req, res) => {
    handle(ctx, req, res).catch((err: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const outcome = err instanceof Error ? serverError(err) : normalizeOperationOutcome(err);
      sendFhirJson(res, Math.max(getStatus(outcome), 500), outcome);
    });
  };
}
