import type { CdsServiceDefinition, HookRequest } from '@pcb-cds/cds-hooks-model';
import { canonicalFhirBase } from './fhir-server-allowlist';
import type { ValidationResult } from './validation-result';
import { invalid, isJsonObject, isNonEmptyString } from './validation-result';

/**
 * Checks the fields this layer relies on (CDS Hooks 2.0 "HTTP Request" + cds-r-1) and nothing more: unknown
 * fields and `extension` pass through untouched. Returns the first problem so the 400 names one field.
 */
export function validateHookRequest(body: unknown, definition: CdsServiceDefinition): ValidationResult<HookRequest> {
  if (!isJsonObject(body)) {
    return invalid('body', 'The request body must be a JSON object', 'structure');
  }
  if (!isNonEmptyString(body['hook'])) {
    return invalid('hook', missingOrWrong(body['hook'], 'hook', 'a string'), kind(body['hook']));
  }
  if (body['hook'] !== definition.hook) {
    return invalid('hook', `This service is invoked on hook '${definition.hook}', not on the hook in the request`);
  }
  if (!isNonEmptyString(body['hookInstance'])) {
    return invalid('hookInstance', missingOrWrong(body['hookInstance'], 'hookInstance', 'a string'), kind(body['hookInstance']));
  }
  const context = body['context'];
  if (!isJsonObject(context)) {
    return invalid('context', missingOrWrong(context, 'context', 'an object'), kind(context));
  }
  if (!isNonEmptyString(context['patientId'])) {
    return invalid('context.patientId', missingOrWrong(context['patientId'], 'context.patientId', 'a string'), kind(context['patientId']));
  }
  if (context['userId'] !== undefined && !isNonEmptyString(context['userId'])) {
    return invalid('context.userId', 'context.userId must be a string like Practitioner/123');
  }
  const fhirServer = body['fhirServer'];
  if (fhirServer !== undefined && !isFhirBaseUrl(fhirServer)) {
    return invalid('fhirServer', 'fhirServer must be an absolute http(s) base URL without credentials, query or fragment');
  }
  const auth = body['fhirAuthorization'];
  if (auth !== undefined) {
    const problem = checkFhirAuthorization(auth, fhirServer);
    if (problem) {
      return problem;
    }
  }
  const prefetch = body['prefetch'];
  if (prefetch !== undefined) {
    const problem = checkPrefetch(prefetch, definition);
    if (problem) {
      return problem;
    }
  }
  return { ok: true, value: body as HookRequest };
}

function checkFhirAuthorization(auth: unknown, fhirServer: unknown): ValidationResult<HookRequest> | undefined {
  if (!isJsonObject(auth)) {
    return invalid('fhirAuthorization', 'fhirAuthorization must be an object');
  }
  if (fhirServer === undefined) {
    // cds-r-1: a token is only meaningful for a server it was issued for.
    return invalid('fhirServer', 'fhirServer is required when fhirAuthorization is present (cds-r-1)', 'required');
  }
  if (!isNonEmptyString(auth['access_token'])) {
    // Never echo the value: it is (or is meant to be) a secret.
    return invalid('fhirAuthorization.access_token', 'fhirAuthorization.access_token must be a non-empty string', kind(auth['access_token']));
  }
  if (!BEARER_TOKEN.test(auth['access_token'])) {
    // It goes into an Authorization header: a space or a line break could not be sent (or would split it).
    return invalid('fhirAuthorization.access_token', 'fhirAuthorization.access_token must be visible ASCII characters without spaces');
  }
  for (const field of ['token_type', 'scope', 'subject', 'patient'] as const) {
    if (auth[field] !== undefined && typeof auth[field] !== 'string') {
      return invalid(`fhirAuthorization.${field}`, `fhirAuthorization.${field} must be a string`);
    }
  }
  if (auth['expires_in'] !== undefined && typeof auth['expires_in'] !== 'number') {
    return invalid('fhirAuthorization.expires_in', 'fhirAuthorization.expires_in must be a number');
  }
  return undefined;
}

/**
 * Prefetch values are handed to the service, which reads them as FHIR resources (the wire type says so): each
 * must be a FHIR resource or null — the keys of its templates and any other key the client sent.
 */
function checkPrefetch(prefetch: unknown, definition: CdsServiceDefinition): ValidationResult<HookRequest> | undefined {
  if (!isJsonObject(prefetch)) {
    return invalid('prefetch', 'prefetch must be an object');
  }
  const keys = [...new Set([...Object.keys(definition.prefetch ?? {}), ...Object.keys(prefetch)])];
  for (const key of keys) {
    const value = Object.prototype.hasOwnProperty.call(prefetch, key) ? prefetch[key] : undefined;
    if (value !== undefined && value !== null && !(isJsonObject(value) && typeof value['resourceType'] === 'string')) {
      return invalid(`prefetch.${key.slice(0, 100)}`, `prefetch.${key.slice(0, 100)} must be a FHIR resource or null`);
    }
  }
  return undefined;
}

/** Anything the FHIR server allowlist could not compare reliably is not a usable base URL (see there). */
function isFhirBaseUrl(value: unknown): boolean {
  return typeof value === 'string' && !('problem' in canonicalFhirBase(value));
}

/** RFC 6750 b64token, loosened to any visible ASCII: opaque tokens vary, but never contain spaces or controls. */
const BEARER_TOKEN = /^[\x21-\x7e]+$/;

function missingOrWrong(value: unknown, field: string, type: string): string {
  if (value === undefined || value === null) {
    return `${field} is required`;
  }
  return typeof value === 'string' ? `${field} must not be empty` : `${field} must be ${type}`;
}

function kind(value: unknown): 'required' | 'value' {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') ? 'required' : 'value';
}
