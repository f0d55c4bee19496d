import type { FeedbackRequest } from '@pcb-cds/cds-hooks-model';
import type { ValidationResult } from './validation-result';
import { invalid, isJsonObject, isNonEmptyString } from './validation-result';

/**
 * FHIR `instant` (what CDS Hooks 2.0 means by "ISO8601 representation of the date and time in UTC"): a full
 * date and time to the second with a zone. The components are range-checked separately because JavaScript's
 * Date silently rolls 2021-02-30 over into March.
 */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/;

/** CDS Hooks 2.0 feedback (https://cds-hooks.hl7.org/2.0/#feedback) with invariants cds-fb-1/2/3. */
export function validateFeedbackRequest(body: unknown): ValidationResult<FeedbackRequest> {
  if (!isJsonObject(body)) {
    return invalid('body', 'The request body must be a JSON object', 'structure');
  }
  const feedback = body['feedback'];
  if (!Array.isArray(feedback) || feedback.length === 0) {
    return invalid('feedback', 'feedback must be a non-empty array', feedback === undefined ? 'required' : 'value');
  }
  for (const [index, entry] of feedback.entries()) {
    const problem = checkEntry(entry, `feedback[${index}]`);
    if (problem) {
      return problem;
    }
  }
  return { ok: true, value: body as unknown as FeedbackRequest };
}

function checkEntry(entry: unknown, path: string): ValidationResult<FeedbackRequest> | undefined {
  if (!isJsonObject(entry)) {
    return invalid(path, `${path} must be an object`);
  }
  if (!isNonEmptyString(entry['card'])) {
    return invalid(`${path}.card`, `${path}.card must be the uuid string of a card`, entry['card'] === undefined ? 'required' : 'value');
  }
  const outcome = entry['outcome'];
  if (outcome !== 'accepted' && outcome !== 'overridden') {
    // cds-fb-1
    return invalid(
      `${path}.outcome`,
      `${path}.outcome must be 'accepted' or 'overridden' (cds-fb-1)`,
      outcome === undefined ? 'required' : 'code-invalid',
    );
  }
  const accepted = entry['acceptedSuggestions'];
  if (outcome === 'accepted' && accepted === undefined) {
    return invalid(
      `${path}.acceptedSuggestions`,
      `${path}.acceptedSuggestions is required when outcome is 'accepted' (cds-fb-2)`,
      'required',
    );
  }
  if (accepted !== undefined) {
    if (!Array.isArray(accepted) || accepted.length === 0) {
      return invalid(`${path}.acceptedSuggestions`, `${path}.acceptedSuggestions must be a non-empty array`);
    }
    const bad = accepted.findIndex((s) => !isJsonObject(s) || !isNonEmptyString(s['id']));
    if (bad >= 0) {
      return invalid(
        `${path}.acceptedSuggestions[${bad}].id`,
        `${path}.acceptedSuggestions[${bad}].id must be the uuid string of a suggestion`,
      );
    }
  }
  const overrideReason = entry['overrideReason'];
  if (overrideReason !== undefined) {
    const problem = checkOverrideReason(overrideReason, `${path}.overrideReason`);
    if (problem) {
      return problem;
    }
  }
  if (!isInstant(entry['outcomeTimestamp'])) {
    return invalid(
      `${path}.outcomeTimestamp`,
      `${path}.outcomeTimestamp must be an ISO 8601 instant such as 2021-12-11T10:05:31Z`,
      entry['outcomeTimestamp'] === undefined ? 'required' : 'value',
    );
  }
  return undefined;
}

function checkOverrideReason(reason: unknown, path: string): ValidationResult<FeedbackRequest> | undefined {
  if (!isJsonObject(reason)) {
    return invalid(path, `${path} must be an object`);
  }
  if (reason['reason'] === undefined && reason['userComment'] === undefined) {
    // cds-fb-3
    return invalid(path, `${path} must contain a reason, a userComment, or both (cds-fb-3)`, 'required');
  }
  const coding = reason['reason'];
  if (coding !== undefined && !(isJsonObject(coding) && isNonEmptyString(coding['code']) && isNonEmptyString(coding['system']))) {
    return invalid(`${path}.reason`, `${path}.reason must be a Coding with a system and a code`);
  }
  if (reason['userComment'] !== undefined && !isNonEmptyString(reason['userComment'])) {
    return invalid(`${path}.userComment`, `${path}.userComment must be a non-empty string`);
  }
  return undefined;
}

export function isInstant(value: unknown): boolean {
  const match = typeof value === 'string' ? INSTANT.exec(value) : null;
  if (!match) {
    return false;
  }
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const zoneOk = match[9] === undefined || (Number(match[9]) <= 14 && Number(match[10]) <= 59);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 60 && zoneOk;
}
