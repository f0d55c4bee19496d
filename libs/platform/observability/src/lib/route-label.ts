import type { IncomingMessage } from 'node:http';

const ROUTE_LABEL = Symbol('routeLabel');

interface LabelledRequest extends IncomingMessage {
  [ROUTE_LABEL]?: string;
}

/**
 * Names the route pattern (`/cds-services/:id`) that access logs and request metrics show for a request served
 * outside the Express router, which otherwise leaves it unmatched. A pattern, never the URL: no ids, no query.
 */
export function labelRoute(req: IncomingMessage, pattern: string): void {
  (req as LabelledRequest)[ROUTE_LABEL] = pattern;
}

/** The pattern given to labelRoute, if any. */
export function routeLabelOf(req: IncomingMessage): string | undefined {
  return (req as LabelledRequest)[ROUTE_LABEL];
}
