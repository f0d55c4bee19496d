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
 * The exact URL the client called, which its JWT `aud` must contain (CDS Hooks 2.0: "the CDS Service
 * endpoint that is being called"). Behind a proxy the service cannot see the public URL, so the app
 * configures `publicBaseUrl` (e.g. `https://cds.example.org` or `https://example.org/pcb`); without it,
 * the URL is rebuilt from the request's protocol and Host header. The query string is not part of it.
 */
export function expectedAudience(req: Request, publicBaseUrl?: string): string {
  const path = pathOf(req.originalUrl);
  if (publicBaseUrl !== undefined) {
    return `${publicBaseUrl.replace(/\/+$/, '')}${path}`;
  }
  return `${req.protocol}://${req.get('host') ?? ''}${path}`;
}

function pathOf(url: string): string {
  return url.split(/[?#]/, 1)[0];
}
