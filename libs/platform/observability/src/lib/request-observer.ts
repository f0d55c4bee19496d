import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ObservabilityMetrics } from './observability.metrics';
import { OBSERVABILITY_ROUTES } from './observability.options';
import { createRequestContext, runWithRequestContext } from './request-context';
import { routeLabelOf } from './route-label';
import { setHeaderOnWrite } from './set-header-on-write';

export const REQUEST_ID_HEADER = 'X-Request-Id';
/** The route label of a request no route matched (its URL could be anything, PHI included). */
export const UNMATCHED_ROUTE = 'unmatched';

/** What Express leaves on the request once routing matched (types kept loose: plain Node requests pass too). */
interface RoutedRequest extends IncomingMessage {
  body?: unknown;
  baseUrl?: string;
  route?: { path?: unknown };
  params?: Record<string, unknown>;
}

const OWN_ROUTES: ReadonlySet<string> = new Set(OBSERVABILITY_ROUTES);

/**
 * One Express middleware for every request: enters the request context (correlation id for every log line),
 * echoes the correlation id as X-Request-Id, and when the response is done writes the access-log line and
 * the request metrics. It must be the first middleware (see `configureObservabilityHttp`) so that requests
 * rejected by a body parser or a guard are observed too. Probe and scrape routes are not logged nor counted.
 */
@Injectable()
export class RequestObserver {
  private readonly logger = new Logger('HttpAccess');
  private installed = false;

  constructor(@Inject(ObservabilityMetrics) private readonly metrics: ObservabilityMetrics) {}

  get isInstalled(): boolean {
    return this.installed;
  }

  /** The middleware, bound: `app.use(observer.middleware())`. */
  middleware(): (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void {
    this.installed = true;
    return (req, res, next) => this.observe(req as RoutedRequest, res, next);
  }

  private observe(req: RoutedRequest, res: ServerResponse, next: (error?: unknown) => void): void {
    const started = process.hrtime.bigint();
    const context = createRequestContext(req);
    setHeaderOnWrite(res, REQUEST_ID_HEADER, () => context.correlationId);
    let recorded = false;
    const done = (): void => {
      if (recorded) {
        return;
      }
      recorded = true;
      const durationSeconds = Number(process.hrtime.bigint() - started) / 1e9;
      runWithRequestContext(context, () => this.record(req, res, durationSeconds));
    };
    res.once('finish', done);
    res.once('close', done);
    runWithRequestContext(context, () => next());
  }

  private record(req: RoutedRequest, res: ServerResponse, durationSeconds: number): void {
    const route = routePattern(req);
    if (OWN_ROUTES.has(route)) {
      return;
    }
    // A response closed before it finished: the client went away (nginx's 499 would suggest an HTTP status).
    const status = res.writableFinished ? res.statusCode : 'aborted';
    const serviceId = typeof req.params?.['id'] === 'string' ? (req.params['id'] as string) : undefined;
    this.metrics.recordRequest({ serviceId, route, status, durationSeconds });
    const service = this.metrics.serviceLabels.label(serviceId, typeof status === 'number' ? status : undefined);
    const durationMs = Math.round(durationSeconds * 10_000) / 10;
    const entry = {
      message: `${req.method} ${route} ${status} ${durationMs} ms`,
      method: req.method,
      route,
      status,
      durationMs,
      ...(service === 'none' ? {} : { service }),
    };
    if (status === 'aborted' || status >= 500) {
      this.logger.warn(entry);
    } else {
      this.logger.log(entry);
    }
  }
}

/**
 * The route's pattern (`/cds-services/:id`), never the URL: no ids, no query string. The label a handler gave
 * with labelRoute first, else the route Express matched.
 */
export function routePattern(req: RoutedRequest): string {
  const label = routeLabelOf(req);
  if (label !== undefined) {
    return label;
  }
  const path = req.route?.path;
  if (typeof path !== 'string') {
    return UNMATCHED_ROUTE;
  }
  const full = `${req.baseUrl ?? ''}${path}`;
  return full.length > 1 && full.endsWith('/') ? full.slice(0, -1) : full || '/';
}
