import type { Request } from 'express';

// Express matches routes case-insensitively, so `/CDS-Services` reaches the same controllers: the check
// must be case-insensitive too, or changing the case of the URL would skip authentication.
const CDS_SERVICES_PATH = /^\/+cds-services/i;

/**
 * Whether a request is one CDS Hooks authenticates: discovery, services and feedback, i.e. a path under
 * `/cds-services`. Looks at the path as requested and at the route Express matched, and protects the
 * request if either is under `/cds-services` (health checks, metrics and the like are not).
 */
export function isCdsServicesRequest(req: Request): boolean {
  const candidates = [req.path, pathOf(req.originalUrl), (req.route as { path?: unknown } | undefined)?.path];
  return candidates.some((path) => typeof path === 'string' && CDS_SERVICES_PATH.test(path));
}

/**
 * The URLs a client's JWT `aud` may name for this call (CDS Hooks 2.0: "the CDS Service endpoint that is being
 * called"): each configured base URL (the service's public URL, e.g. `https://cds.example.org` or
 * `https://example.org/pcb`) + the path called, without the query string. Never built from the request's
 * Host header or protocol: a caller chooses those, and could then present a token minted for another
 * service by naming that service's host.
 */
export function expectedAudiences(req: Pick<Request, 'originalUrl'>, baseUrls: readonly string[]): string[] {
  const path = pathOf(req.originalUrl);
  return baseUrls.map((base) => `${base.replace(/\/+$/, '')}${path}`);
}

function pathOf(url: string): string {
  return url.split(/[?#]/, 1)[0];
}
