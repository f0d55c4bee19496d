import type { INestApplication, Type } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { json } from 'express';
import { configureObservabilityHttp } from '../lib/configure-observability-http';
import { JsonLogger } from '../lib/json.logger';
import type { JsonLogLine } from '../lib/json.logger';
import { ObservabilityModule } from '../lib/observability.module';
import type { ObservabilityOptions } from '../lib/observability.options';

export interface ObservabilityTestApp {
  app: INestApplication;
  /** Every log line as written (raw text, to check redaction on what really leaves the process). */
  rawLines: string[];
  lines(): JsonLogLine[];
  close(): Promise<void>;
}

/**
 * A Nest app wired like a real one (JSON logger, observer first, then a JSON body parser, then the routes),
 * with the caller's dummy controllers. Nest's Logger is process-global: use one such app at a time.
 */
export async function createObservabilityTestApp(
  controllers: Type[],
  options: ObservabilityOptions = {},
  setUp: (app: INestApplication) => void = () => undefined,
): Promise<ObservabilityTestApp> {
  const rawLines: string[] = [];
  const logger = new JsonLogger({ write: (line) => rawLines.push(line) });

  @Module({ imports: [ObservabilityModule.forRoot({ defaultMetrics: false, ...options })], controllers })
  class TestAppModule {}

  const app = await NestFactory.create(TestAppModule, { bodyParser: false, logger });
  configureObservabilityHttp(app);
  app.use(json());
  setUp(app);
  await app.init();
  return {
    app,
    rawLines,
    lines: () => rawLines.map((line) => JSON.parse(line) as JsonLogLine),
    close: () => app.close(),
  };
}
