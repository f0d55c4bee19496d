import type { IncomingHttpHeaders } from 'node:http';
import { getStatus, isOk, normalizeOperationOutcome } from '@medplum/core';
import type { FhirRequest, FhirRouter, HttpMethod } from '@medplum/fhir-router';
import type { Bundle, OperationOutcome, Resource } from '@medplum/fhirtypes';
import type { CapabilityStatement } from 'fhir/r4';
import type { IssueCode } from '@pcb-cds/fhir-r4';
import { operationOutcome } from '@pcb-cds/fhir-r4';
import { executeBundle } from './execute-bundle';
import { resourceHeaders } from './fhir-http-response';
import type { QueryRecord } from './parse-request-body';
import { toQueryRecord } from './parse-request-body';
import type { SandboxRepository } from './sandbox-repository';

export interface SandboxContext {
  router: FhirRouter;
  repo: SandboxRepository;
  /** '' or a path such as '/fhir', without a trailing slash. */
  basePath: string;
  baseUrl: string;
  capabilityStatement: CapabilityStatement;
}

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function errorReply(status: number, code: IssueCode, text: string): Reply {
  return { status, body: operationOutcome(code, text) };
}

function isBundle(value: unknown): value is Bundle {
  return (value as Resource | undefined)?.resourceType === 'Bundle';
}

async function exists(repo: SandboxRepository, resourceType: string, id: string): Promise<boolean> {
  return repo.readResource(resourceType, id).then(
    () => true,
    () => false,
  );
}

async function bundleReply(ctx: SandboxContext, bundle: Bundle): Promise<Reply> {
  try {
    return {
      status: 200,
      body: await executeBundle(ctx.router, ctx.repo, bundle),
    };
  } catch (err) {
    const outcome = normalizeOperationOutcome(err);
    return { status: getStatus(outcome), body: outcome };
  }
}

/**
 * One FHIR interaction, `path` being relative to the base (`Patient/1`, `Observation/_search`,
 * '' for batch/transaction). Adds what medplum's router leaves to the HTTP layer.
 */
export async function dispatchFhirRequest(
  ctx: SandboxContext,
  method: HttpMethod,
  path: string,
  url: URL,
  body: { value: unknown; form: boolean },
  headers: IncomingHttpHeaders,
): Promise<Reply> {
  const segments = path.split('/');
  if (method === 'POST' && path === '' && isBundle(body.value)) {
    return bundleReply(ctx, body.value);
  }

  let requestBody = body.value;
  if (method === 'POST' && segments.length === 2 && segments[1] === '_search') {
    if (requestBody !== undefined && !body.form) {
      return errorReply(415, 'not-supported', 'POST [type]/_search takes an application/x-www-form-urlencoded body');
    }
    // FHIR allows parameters in both the URL and the form body; medplum reads only the body.
    requestBody = toQueryRecord(url.searchParams, {
      ...((requestBody as QueryRecord | undefined) ?? {}),
    });
  }

  // medplum answers 200 to an update that creates; FHIR (and HAPI) answer 201.
  const creates = method === 'PUT' && segments.length === 2 && !(await exists(ctx.repo, segments[0], segments[1]));

  const request: FhirRequest = {
    method,
    url: path + url.search,
    pathname: '',
    body: requestBody,
    params: {},
    query: {},
    headers,
  };
  const [outcome, resource] = await ctx.router.handleRequest(request, ctx.repo);
  const status = creates && getStatus(outcome) === 200 ? 201 : getStatus(outcome);
  const replyBody: Resource | OperationOutcome = isOk(outcome) ? (resource ?? outcome) : outcome;
  return {
    status,
    body: replyBody,
    headers: resourceHeaders(ctx.baseUrl, replyBody, status),
  };
}
