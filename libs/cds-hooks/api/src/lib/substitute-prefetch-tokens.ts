/**
 * CDS Hooks 2.0 prefetch tokens (https://cds-hooks.hl7.org/2.0/#prefetch-tokens): `{{context.<field>}}` for a
 * root-level context field with a primitive value, and the four user identifiers derived from `context.userId`.
 * 3.0-ballot FHIRPath tokens (`{{today()}}`, `{{context.draftOrders.entry...}}`) are not 2.0 and stay unresolved.
 */

export type PrefetchTokenSubstitution =
  | { ok: true; url: string }
  /** The tokens (as written between the braces) that have no value in this context. */
  | { ok: false; unresolved: string[] };

/** The user-identifier tokens and the resource type `context.userId` must have for each of them. */
const USER_TOKENS: Readonly<Record<string, string>> = {
  userPractitionerId: 'Practitioner',
  userPractitionerRoleId: 'PractitionerRole',
  userPatientId: 'Patient',
  userRelatedPersonId: 'RelatedPerson',
};

const TOKEN = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Replaces every token of `template`; fails (listing them) when any token has no value in `context`. */
export function substitutePrefetchTokens(template: string, context: Record<string, unknown>): PrefetchTokenSubstitution {
  const unresolved: string[] = [];
  const url = template.replace(TOKEN, (whole: string, token: string) => {
    const value = tokenValue(token, context);
    if (value === undefined) {
      unresolved.push(token);
      return whole;
    }
    return encodeTokenValue(value);
  });
  return unresolved.length > 0 ? { ok: false, unresolved } : { ok: true, url };
}

/** The raw value of one token, or undefined when the context does not provide it. */
export function tokenValue(token: string, context: Record<string, unknown>): string | undefined {
  const userType = USER_TOKENS[token];
  if (userType !== undefined) {
    const userId = context['userId'];
    const match = typeof userId === 'string' ? /^([A-Za-z]+)\/([^/]+)$/.exec(userId) : null;
    return match && match[1] === userType ? match[2] : undefined;
  }
  const field = /^context\.([^.\s]+)$/.exec(token)?.[1];
  if (field === undefined || !Object.prototype.hasOwnProperty.call(context, field)) {
    return undefined;
  }
  // Only root-level primitives are tokens; objects (draftOrders) and arrays (selections) are not.
  const value = context[field];
  if (typeof value === 'string') {
    return value === '' || hasDotSegment(value) || !isWellFormed(value) ? undefined : value;
  }
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') {
    return String(value);
  }
  return undefined;
}

/**
 * Context values come from the client and land in a URL sent with the access token: percent-encode them so
 * they cannot add query parameters or fragments. `/` stays, because `{{context.userId}}` is a `Type/id` read.
 */
function encodeTokenValue(value: string): string {
  return encodeURIComponent(value).replace(/%2F/gi, '/');
}

/**
 * A lone surrogate cannot be percent-encoded (encodeURIComponent throws URIError). Request validation refuses
 * such bodies first; this keeps the substitution total for any other caller.
 */
function isWellFormed(value: string): boolean {
  return !/\p{Cs}/u.test(value);
}

/** A `.`/`..` path segment would let a context value walk out of the resource path on the FHIR server. */
function hasDotSegment(value: string): boolean {
  return value.split('/').some((segment) => segment === '.' || segment === '..');
}
