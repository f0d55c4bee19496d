import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import type { CallHandler, ExecutionContext, INestApplication, NestInterceptor } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Request } from 'express';
import request from 'supertest';
import type { CdsHooksTestApp } from '../testing';
import { createCdsHooksTestApp, RecordingCdsService } from '../testing';
import { CdsHooksApiModule } from './cds-hooks-api.module';
import type { CdsHooksHttpOptions } from './configure-cds-hooks-http';
import { configureCdsHooksHttp } from './configure-cds-hooks-http';
import { HookController } from './hook.controller';
import { OperationOutcomeException } from './operation-outcome.exception';

// The hook endpoint served both ways, side by side: every answer must be the same bytes (status, headers but the
// per-answer ones, body), whichever way served it.

const service = new RecordingCdsService({ prefetch: {} });
const TOKEN = 'parity-token-3f9b1c27';
const hook = {
  hook: 'patient-view',
  hookInstance: 'parity',
  fhirServer: 'https://ehr.example.org/fhir',
  fhirAuthorization: { access_token: TOKEN, token_type: 'Bearer', expires_in: 300, scope: 'user/*.read', subject: 'cds' },
  context: { patientId: 'p1' },
};
const PER_ANSWER = new Set(['date', 'x-request-id', 'connection', 'keep-alive']);
const JSON_TYPE = { 'Content-Type': 'application/json' };

/** Refuses callers without `X-Test-Client` with a 401, as the authentication guard does. */
const fakeAuthentication = {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (req.headers['x-test-client'] === undefined) {
      context.switchToHttp().getResponse().setHeader('WWW-Authenticate', 'Bearer');
      throw OperationOutcomeException.of(401, 'login', 'Authentication required');
    }
    return true;
  },
};

interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
}

let fast: CdsHooksTestApp;
let nest: CdsHooksTestApp;

async function listening(app: CdsHooksTestApp): Promise<string> {
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

const bases = new Map<CdsHooksTestApp, string>();

beforeAll(async () => {
  const options = { services: [service], rateLimit: { limit: 1_000, ttlMs: 60_000 } };
  fast = await createCdsHooksTestApp(options, { http: { fastHookRoute: true }, clientGuard: fakeAuthentication });
  nest = await createCdsHooksTestApp(options, { http: { fastHookRoute: false }, clientGuard: fakeAuthentication });
  bases.set(fast, await listening(fast));
  bases.set(nest, await listening(nest));
});

afterAll(async () => {
  await fast?.close();
  await nest?.close();
});

/** Over a real socket with fetch: the exact bytes given. */
async function send(app: CdsHooksTestApp, path: string, body: string | Buffer, headers: Record<string, string>): Promise<Answer> {
  const res = await fetch(`${bases.get(app)}${path}`, { method: 'POST', headers, body });
  // A card's uuid is new on every answer.
  const text = (await res.text()).replace(/"uuid":"[^"]*"/g, '"uuid":"…"');
  const shared = [...res.headers].filter(([name]) => !PER_ANSWER.has(name));
  return { status: res.status, headers: Object.fromEntries(shared), text };
}

const client = { ...JSON_TYPE, 'X-Test-Client': 'ehr', Origin: 'https://sandbox.example' };
const valid = JSON.stringify(hook);

describe('the hook endpoint answers the same bytes by the fast hook route and by the Nest route', () => {
  it.each<[string, string, string | Buffer, Record<string, string>, number]>([
    ['a service call', '/cds-services/recording-service', valid, client, 200],
    ['a body with a byte order mark', '/cds-services/recording-service', `\ufeff${valid}`, client, 200],
    ['a gzip body', '/cds-services/recording-service', gzipSync(valid), { ...client, 'Content-Encoding': 'gzip' }, 200],
    ['an unknown caller (401 from the client guard)', '/cds-services/recording-service', valid, JSON_TYPE, 401],
    [
      'an unknown caller with a body over the limit (refused before the body is looked at: 401, not 413)',
      '/cds-services/recording-service',
      JSON.stringify({ ...hook, x: 'x'.repeat(6 * 1024 * 1024) }),
      JSON_TYPE,
      401,
    ],
    ['an unknown service', '/cds-services/no-such-service', valid, client, 404],
    ['malformed JSON', '/cds-services/recording-service', '{', client, 400],
    ['a polluting key', '/cds-services/recording-service', '{"__proto__":{"x":1}}', client, 400],
    ['an invalid hook request', '/cds-services/recording-service', '{"hook":"patient-view"}', client, 400],
    ['an empty body', '/cds-services/recording-service', '', client, 400],
    ['a body without a media type', '/cds-services/recording-service', valid, { 'X-Test-Client': 'ehr' }, 415],
    ['another media type', '/cds-services/recording-service', 'x', { ...client, 'Content-Type': 'text/plain' }, 415],
    ['another charset', '/cds-services/recording-service', valid, { ...client, 'Content-Type': 'application/json; charset=latin1' }, 415],
    ['a body over the limit', '/cds-services/recording-service', JSON.stringify({ ...hook, x: 'x'.repeat(6 * 1024 * 1024) }), client, 413],
    ['another case and a trailing slash', '/CDS-Services/recording-service/?q=1', valid, client, 200],
  ])('%s', async (_name, path, body, headers, status) => {
    const [fastAnswer, nestAnswer] = [await send(fast, path, body, headers), await send(nest, path, body, headers)];
    expect(fastAnswer.status).toBe(status);
    expect(nestAnswer).toEqual(fastAnswer);
  });

  it('the secret of a body refused by the service never reaches an answer', async () => {
    const answers = [
      await send(fast, '/cds-services/no-such-service', valid, client),
      await send(nest, '/cds-services/no-such-service', valid, client),
    ];
    for (const answer of answers) {
      expect(answer.text).not.toContain(TOKEN);
    }
  });
});

describe('with fastHookRoute off, Nest routes the hook endpoint', () => {
  /**
   * An app of the module with an interceptor; `http` given: as production wires it (no body parser, then
   * configureCdsHooksHttp), else a bare Nest app (its own body parser, no configureCdsHooksHttp).
   */
  async function appWith(http: CdsHooksHttpOptions | undefined, interceptor: NestInterceptor): Promise<INestApplication> {
    const moduleRef = await Test.createTestingModule({
      imports: [CdsHooksApiModule.register({ services: [service], rateLimit: false })],
    }).compile();
    const app = moduleRef.createNestApplication({ bodyParser: http === undefined, logger: false });
    if (http) {
      configureCdsHooksHttp(app, http);
    }
    app.useGlobalInterceptors(interceptor);
    await app.init();
    return app;
  }

  /** Interceptors run on Nest's routes only: it sees which handler served a request. */
  class HandlerRecorder implements NestInterceptor {
    readonly handlers: unknown[] = [];
    intercept(context: ExecutionContext, next: CallHandler): ReturnType<CallHandler['handle']> {
      this.handlers.push(context.getHandler());
      return next.handle();
    }
  }

  it.each([
    ['off: HookController.callService serves the call', false, [HookController.prototype.callService]],
    ['on: the fast route serves it before Nest', true, []],
  ])('%s', async (_name, fastHookRoute, handlers) => {
    const recorder = new HandlerRecorder();
    const app = await appWith({ fastHookRoute }, recorder);
    try {
      await request(app.getHttpServer()).post('/cds-services/recording-service').send(hook).expect(200);
      expect(recorder.handlers).toEqual(handlers);
    } finally {
      await app.close();
    }
  });

  it('exists without configureCdsHooksHttp (Nest parses the body ahead of the guards then)', async () => {
    const recorder = new HandlerRecorder();
    const app = await appWith(undefined, recorder);
    try {
      const res = await request(app.getHttpServer()).post('/cds-services/recording-service').send(hook).expect(200);
      expect(res.body.cards).toHaveLength(1);
      expect(recorder.handlers).toEqual([HookController.prototype.callService]);
    } finally {
      await app.close();
    }
  });
});
