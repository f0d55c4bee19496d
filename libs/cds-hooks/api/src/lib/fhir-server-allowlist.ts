/**
 * Which FHIR servers prefetch may be fetched from. A hook request names its `fhirServer` and the service sends
 * it requests carrying the client's access token: without a list, any client could make this service call any
 * URL it can reach (SSRF) — cloud metadata endpoints, internal admin ports — and collect the answers' errors.
 *
 * Both the entries and the request's `fhirServer` are reduced to a canonical form, compared as
 * origin (scheme, lower-case host without trailing dot, port unless default) + path-segment prefix, and the
 * canonical URL is what gets fetched, so what was checked is what is requested. Anything the comparison
 * could be fooled by is refused rather than interpreted: credentials (`http://allowed@evil`), a backslash or
 * control character (URL parsers rewrite them), a query or fragment, encoded slashes, dot segments.
 */

export interface CanonicalFhirBase {
  /** `https://ehr.example.org:8443`: what decides which server is contacted. */
  origin: string;
  /** Path segments, unreserved characters decoded, no trailing empty segment: `['fhir', 'r4']`. */
  segments: string[];
  /** The canonical base URL: origin + path, no trailing slash. */
  href: string;
}

export type FhirServerCheck = { allowed: true; baseUrl: string } | { allowed: false };

const MAX_URL_LENGTH = 2048;
// URL parsing silently drops tabs and newlines and reads `\` as `/`: such a string could be checked as one URL
// and fetched as another, so it is refused.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u0020\u007f\\]/;
const AUTHORITY = /^https?:\/\/([^/?#]*)/i;
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/** The canonical form of a FHIR base URL, or the reason it has none (a text safe to show: no URL in it). */
export function canonicalFhirBase(raw: string): CanonicalFhirBase | { problem: string } {
  if (typeof raw !== 'string' || raw.length > MAX_URL_LENGTH) {
    return { problem: `is not a string of at most ${MAX_URL_LENGTH} characters` };
  }
  if (UNSAFE_CHARACTERS.test(raw)) {
    return { problem: 'contains whitespace, a control character or a backslash' };
  }
  const authority = AUTHORITY.exec(raw);
  if (!authority) {
    return { problem: 'is not an absolute http(s) URL' };
  }
  if (authority[1].includes('@')) {
    return { problem: 'contains credentials' };
  }
  if (raw.includes('?') || raw.includes('#')) {
    return { problem: 'has a query or a fragment' };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { problem: 'is not an absolute http(s) URL' };
  }
  const hostname = url.hostname.replace(/\.$/, '');
  if (hostname === '' || url.username !== '' || url.password !== '') {
    return { problem: 'has no host, or has credentials' };
  }
  const segments = url.pathname.split('/').slice(1).map(normaliseSegment);
  while (segments.length > 0 && segments[segments.length - 1] === '') {
    segments.pop();
  }
  if (segments.some((s) => s === '.' || s === '..' || /%2F|%5C/.test(s))) {
    return { problem: 'has dot segments or encoded slashes in its path' };
  }
  const origin = `${url.protocol}//${hostname}${url.port === '' ? '' : `:${url.port}`}`;
  return { origin, segments, href: segments.length === 0 ? origin : `${origin}/${segments.join('/')}` };
}

/** RFC 3986 §6.2.2: percent-encoded unreserved characters decoded, other escapes in upper case. */
function normaliseSegment(segment: string): string {
  return segment.replace(/%([0-9A-Fa-f]{2})/g, (_escape, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}

export class FhirServerAllowlist {
  private constructor(private readonly entries: readonly CanonicalFhirBase[] | undefined) {}

  /** No list: any http(s) server a client names (still only well-formed base URLs). */
  static unrestricted(): FhirServerAllowlist {
    return new FhirServerAllowlist(undefined);
  }

  /** @throws Error naming the first entry that is not a usable base URL (a configuration error). */
  static of(entries: readonly string[]): FhirServerAllowlist {
    if (!Array.isArray(entries)) {
      throw new Error('fhirServerAllowlist must be an array of FHIR base URLs');
    }
    return new FhirServerAllowlist(
      entries.map((entry, index) => {
        const canonical = canonicalFhirBase(entry);
        if ('problem' in canonical) {
          throw new Error(`fhirServerAllowlist[${index}] ${JSON.stringify(entry)} ${canonical.problem}`);
        }
        return canonical;
      }),
    );
  }

  get restricted(): boolean {
    return this.entries !== undefined;
  }

  /** Whether prefetch may be fetched from `fhirServer`, and if so from which canonical base URL. */
  check(fhirServer: string): FhirServerCheck {
    const canonical = canonicalFhirBase(fhirServer);
    if ('problem' in canonical) {
      return { allowed: false };
    }
    const allowed = this.entries === undefined || this.entries.some((entry) => covers(entry, canonical));
    return allowed ? { allowed: true, baseUrl: canonical.href } : { allowed: false };
  }
}

function covers(entry: CanonicalFhirBase, candidate: CanonicalFhirBase): boolean {
  return entry.origin === candidate.origin && entry.segments.every((segment, i) => candidate.segments[i] === segment);
}
