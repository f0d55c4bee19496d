import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/**
 * helmet's response headers, set for a JSON API that browsers call cross-origin (the CDS Hooks sandbox and
 * other browser CDS clients):
 * - `Cross-Origin-Resource-Policy: cross-origin` instead of helmet's `same-origin`, so no browser refuses the
 *   JSON to another origin (CORS decides who may read it; CORP would only add a blanket refusal).
 * - A CSP for documents that are never meant to be rendered (`default-src 'none'; frame-ancestors 'none'`) and
 *   `X-Frame-Options: DENY`: if a browser ever renders an answer, nothing in it loads or runs, and no page frames it.
 * - Everything else as helmet's defaults (nosniff, no-referrer, HSTS, no X-Powered-By, ...).
 * Plus `Cache-Control: no-store`: answers carry patient data (cards, echoed context), which no shared or
 * browser cache should keep.
 */
export function securityHeaders(): RequestHandler {
  const headers = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    xFrameOptions: { action: 'deny' },
  });
  return function securityHeaders(req: Request, res: Response, next: NextFunction): void {
    res.setHeader('Cache-Control', 'no-store');
    headers(req, res, next);
  };
}
