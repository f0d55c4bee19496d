import type { CanActivate, INestApplication, LoggerService } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import type { Server } from 'node:http';
import { CDS_CLIENT_GUARD } from '../lib/cds-client-guard';
import { CdsHooksApiModule } from '../lib/cds-hooks-api.module';
import type { CdsHooksApiOptions } from '../lib/cds-hooks-api.options';
import type { CdsHooksHttpOptions } from '../lib/configure-cds-hooks-http';
import { configureCdsHooksHttp } from '../lib/configure-cds-hooks-http';

export interface CapturedLog {
  level: 'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal';
  text: string;
}

/** Keeps every log line (message, stack/context included) so tests can inspect them, e.g. for leaked tokens. */
export class CapturingLogger implements LoggerService {
  readonly lines: CapturedLog[] = [];

  log(...args: unknown[]): void {
    this.capture('log', args);
  }
  error(...args: unknown[]): void {
    this.capture('error', args);
  }
  warn(...args: unknown[]): void {
    this.capture('warn', args);
  }
  debug(...args: unknown[]): void {
    this.capture('debug', args);
  }
  verbose(...args: unknown[]): void {
    this.capture('verbose', args);
  }
  fatal(...args: unknown[]): void {
    this.capture('fatal', args);
  }

  /** Everything logged, as one string. */
  text(): string {
    return this.lines.map((l) => l.text).join('\n');
  }

  private capture(level: CapturedLog['level'], args: unknown[]): void {
    this.lines.push({ level, text: args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ') });
  }
}

export interface CdsHooksTestApp {
  app: INestApplication;
  /** For supertest: `request(testApp.server)`. */
  server: Server;
  logger: CapturingLogger;
  close(): Promise<void>;
}

/**
 * The two ways the hook endpoint (POST /cds-services/{id}) is served, for `describe.each`: the specs of its
 * contract hold both to the same answers.
 */
export const HOOK_ENDPOINT_WAYS: readonly (readonly [string, CdsHooksHttpOptions])[] = [
  ['fast hook route', { fastHookRoute: true }],
  ['Nest route', { fastHookRoute: false }],
];

export interface CdsHooksTestAppSetup {
  /** Options of configureCdsHooksHttp. */
  http?: CdsHooksHttpOptions;
  /** Stands in for the authentication guard: run first on every /cds-services call, as CdsClientAuthModule's is. */
  clientGuard?: CanActivate;
}

/**
 * The app exactly as production wires it (`bodyParser: false` + configureCdsHooksHttp), around the given
 * services, with a capturing logger.
 */
export async function createCdsHooksTestApp(options: CdsHooksApiOptions, setup: CdsHooksTestAppSetup = {}): Promise<CdsHooksTestApp> {
  const guard = setup.clientGuard;
  const moduleRef = await Test.createTestingModule({
    imports: [CdsHooksApiModule.register(options)],
    providers: guard
      ? [
          { provide: APP_GUARD, useValue: guard },
          { provide: CDS_CLIENT_GUARD, useValue: guard },
        ]
      : [],
  }).compile();
  const logger = new CapturingLogger();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger });
  configureCdsHooksHttp(app, setup.http);
  await app.init();
  return { app, server: app.getHttpServer() as Server, logger, close: () => app.close() };
}
