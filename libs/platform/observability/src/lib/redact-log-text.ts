export const REDACTED = '[redacted]';

/** A JWT (JWS compact form): three base64url parts, the first a JSON header, hence `eyJ`. */
const JWT = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g;
/** `Bearer <token>` in any text (an Authorization header quoted in an error message, a curl line). */
const BEARER = /\b(Bearer\s+)(?!\s*\[redacted\])[^\s"',;}\]]+/gi;
/**
 * `access_token=…`, `"access_token":"…"`, `access_token: …` and the like, also with the quotes escaped
 * (a JSON document quoted inside a message), for the OAuth secrets a CDS request or a token exchange carries.
 */
const SECRET_FIELD =
  /((?:access_token|refresh_token|id_token|client_secret|client_assertion|password)\\?"?\s*[:=]\s*\\?"?)(?!\s*\[redacted\])[^"\\&\s,;}\]]+/gi;
/** An Authorization header value, whatever the scheme (Basic, Bearer, a raw key): up to the end of the value. */
const AUTHORIZATION_FIELD = /(authorization\\?"?\s*[:=]\s*\\?"?)(?!\s*\[redacted\])(?:[^"\\\r\n,;}\]])+/gi;

/** Field names whose value is a secret whatever it looks like. */
const SECRET_KEY =
  /^(?:authorization|proxy-authorization|cookie|set-cookie|access_token|refresh_token|id_token|client_secret|client_assertion|password)$/i;

/**
 * Removes what looks like a credential from a log text. Patterns, not a list of known secrets: log lines also
 * come from code that never saw the request (Nest, libraries, a careless `${error}`).
 */
export function redactLogText(text: string): string {
  // Whole field values first, so that a token inside one is not redacted twice into "[redacted]]".
  return text
    .replace(AUTHORIZATION_FIELD, `$1${REDACTED}`)
    .replace(SECRET_FIELD, `$1${REDACTED}`)
    .replace(BEARER, `$1${REDACTED}`)
    .replace(JWT, REDACTED);
}

/**
 * A deep copy of a structured log value with secret-named fields blanked and every string redacted.
 * Cycles become "[circular]"; Errors become their name, message and stack (all redacted).
 */
export function redactLogValue(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') {
    return redactLogText(value);
  }
  if (typeof value === 'bigint') {
    return value.toString();
  }
  if (value === null || typeof value !== 'object') {
    return typeof value === 'function' || typeof value === 'symbol' ? undefined : value;
  }
  if (seen.has(value)) {
    return '[circular]';
  }
  seen.add(value);
  if (value instanceof Error) {
    return { name: value.name, message: redactLogText(value.message), ...(value.stack ? { stack: redactLogText(value.stack) } : {}) };
  }
  if (Array.isArray(value)) {
    return value.map((item) => redactLogValue(item, seen));
  }
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? null : value.toISOString();
  }
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = SECRET_KEY.test(key) ? REDACTED : redactLogValue(item, seen);
  }
  return copy;
}
