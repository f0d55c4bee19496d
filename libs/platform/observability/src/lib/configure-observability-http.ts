import type { INestApplication } from '@nestjs/common';
import { RequestObserver } from './request-observer';

/**
 * Installs the request observer (correlation id, X-Request-Id, access log, request metrics) as the app's
 * FIRST middleware. Call it right after `NestFactory.create` and before any other `app.use` (body parsers,
 * CORS) and before `init()`/`listen()`: Express runs middleware in registration order, and requests that a
 * body parser rejects must be observed too. The correlation id is read from the body lazily, once parsed.
 */
export function configureObservabilityHttp<T extends INestApplication>(app: T): T {
  const observer = app.get(RequestObserver);
  app.use(observer.middleware());
  return app;
}
