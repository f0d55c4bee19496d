/**
 * URL rules of the client. Every request carries the access token, so every URL it fetches is built and
 * checked here, and the URL that was checked is the URL that is fetched (no later re-expansion).
 */

/** A base URL that can hold a token-bearing client: absolute http(s), no credentials, no query or fragment. */
export function parseBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError('FHIR base URL must be an absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError('FHIR base URL must use http or https');
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    // Credentials in a URL would be sent besides the bearer token; a query would be lost on expansion.
    throw new TypeError('FHIR base URL must not contain credentials, a query or a fragment');
  }
  return url;
}

/**
 * The absolute URL of a prefetch-style relative URL (`Patient/1`, `Condition?patient=1`) below `base`.
 * Only relative URLs below the base URL: an absolute URL or a `..` segment would send the access token to
 * another server or another endpoint than the one the caller was granted.
 * @throws TypeError when `relativeUrl` is not such a URL.
 */
export function resolveBelowBase(base: URL, relativeUrl: string): URL {
  const path = relativeUrl.replace(/^\/+/, '');
  const pathPart = path.split(/[?#]/, 1)[0];
  if (!path || /^[a-z][a-z0-9+.-]*:/i.test(relativeUrl) || relativeUrl.startsWith('//')) {
    throw new TypeError('FHIR request URL must be a non-empty relative URL');
  }
  // URL parsing treats `\` as `/` and `%2e` as `.` in http(s) paths: both could smuggle in a dot segment.
  if (pathPart.includes('\\') || pathPart.split('/').some((segment) => /^(\.|%2e){1,2}$/i.test(segment))) {
    throw new TypeError('FHIR request URL must not contain dot segments');
  }
  const target = new URL(path, withTrailingSlash(base));
  if (!isBelowBase(target, base)) {
    throw new TypeError('FHIR request URL must stay below the base URL');
  }
  return target;
}

/** Whether an absolute URL (e.g. a Bundle's `next` link) is on the base URL's server, below its path. */
export function isBelowBase(target: URL, base: URL): boolean {
  if (target.origin !== base.origin || target.username !== '' || target.password !== '') {
    return false;
  }
  return `${target.pathname}/`.startsWith(withTrailingSlash(base).pathname);
}

/** `null` when `url` is not an absolute URL. */
export function parseAbsoluteUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function withTrailingSlash(base: URL): URL {
  const copy = new URL(base.href);
  if (!copy.pathname.endsWith('/')) {
    copy.pathname = `${copy.pathname}/`;
  }
  return copy;
}
