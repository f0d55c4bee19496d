export type ParsedBody = { ok: true; value: unknown; form: boolean } | { ok: false; error: string };

export type QueryRecord = Record<string, string | string[]>;

/** Repeated keys become arrays, as medplum's router does for URL query strings. */
export function toQueryRecord(params: URLSearchParams, into: QueryRecord = {}): QueryRecord {
  for (const [key, value] of params) {
    const existing = into[key];
    into[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return into;
}

function isFormEncoded(contentType: string | undefined): boolean {
  return (contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
}

/**
 * Form bodies (how the CDS Hooks sandbox posts `[type]/_search`) become a query record; any other
 * body is parsed as JSON whatever its declared type, because fhir-kit-client's `request()` sends
 * JSON without a Content-Type.
 */
export function parseRequestBody(bytes: Buffer, contentType: string | undefined): ParsedBody {
  const text = bytes.toString('utf8');
  if (isFormEncoded(contentType)) {
    return {
      ok: true,
      value: toQueryRecord(new URLSearchParams(text)),
      form: true,
    };
  }
  if (text.trim() === '') {
    return { ok: true, value: undefined, form: false };
  }
  try {
    return { ok: true, value: JSON.parse(text), form: false };
  } catch (err) {
    return {
      ok: false,
      error: `Malformed JSON body: ${(err as Error).message}`,
    };
  }
}
