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
  const contextProblem = checkContextIds(context);
  if (contextProblem) {
    return contextProblem;
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

/**
 * The context fields CDS Hooks 2.0 defines as FHIR ids or references (patient-view, order-select, order-sign):
 * `patientId`, `encounterId` (ids), `userId` and `selections` (`Type/id`), and the ids of the draft orders. They
 * go into FHIR URLs and the card ledger, so one that is not an id is the client's error (400), never a 500.
 */
function checkContextIds(context: Record<string, unknown>): ValidationResult<HookRequest> | undefined {
  if (!FHIR_ID.test(context['patientId'] as string)) {
    return invalid('context.patientId', `context.patientId must be a FHIR id (${ID_GRAMMAR})`);
  }
  const encounterId = context['encounterId'];
  if (encounterId !== undefined && !(typeof encounterId === 'string' && FHIR_ID.test(encounterId))) {
    return invalid('context.encounterId', `context.encounterId must be a FHIR id (${ID_GRAMMAR})`);
  }
  const userId = context['userId'];
  if (userId !== undefined && !(typeof userId === 'string' && FHIR_REFERENCE.test(userId))) {
    return invalid('context.userId', 'context.userId must be a reference like Practitioner/123');
  }
  const selections = context['selections'];
  if (selections !== undefined) {
    if (!Array.isArray(selections)) {
      return invalid('context.selections', 'context.selections must be an array of references like ServiceRequest/123');
    }
    const bad = selections.findIndex((s) => !(typeof s === 'string' && FHIR_REFERENCE.test(s)));
    if (bad >= 0) {
      return invalid(`context.selections[${bad}]`, `context.selections[${bad}] must be a reference like ServiceRequest/123`);
    }
  }
  return checkDraftOrderIds(context['draftOrders']);
}

/** Only the ids: the shape of the Bundle is the service's to judge (an order hook must not break ordering). */
function checkDraftOrderIds(draftOrders: unknown): ValidationResult<HookRequest> | undefined {
  const entries = isJsonObject(draftOrders) && Array.isArray(draftOrders['entry']) ? draftOrders['entry'] : [];
  for (const [index, entry] of entries.entries()) {
    const id = isJsonObject(entry) && isJsonObject(entry['resource']) ? entry['resource']['id'] : undefined;
    if (id !== undefined && !(typeof id === 'string' && FHIR_ID.test(id))) {
      return invalid(
        `context.draftOrders.entry[${index}].resource.id`,
        `context.draftOrders.entry[${index}].resource.id must be a FHIR id (${ID_GRAMMAR})`,
      );
    }
  }
  return undefined;
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
    return invalid(
      'fhirAuthorization.access_token',
      'fhirAuthorization.access_token must be a non-empty string',
      kind(auth['access_token']),
    );
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

/** FHIR R4 `id` (http://hl7.org/fhir/R4/datatypes.html#id). */
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const ID_GRAMMAR = '1 to 64 letters, digits, "-" or "."';
/** A relative reference `Type/id`, as CDS Hooks writes userId and selections. */
const FHIR_REFERENCE = /^[A-Z][A-Za-z]{0,63}\/[A-Za-z0-9\-.]{1,64}$/;

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
