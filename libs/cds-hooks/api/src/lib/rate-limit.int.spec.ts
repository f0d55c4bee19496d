import type { CanActivate, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import request from 'supertest';
import type { Response } from 'supertest';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { CdsHooksTestApp } from '../testing';
import type { CdsHooksHttpOptions } from './configure-cds-hooks-http';
import { createCdsHooksTestApp, HOOK_ENDPOINT_WAYS, RecordingCdsService } from '../testing';

const LIMIT = 3;
const TTL_MS = 60_000;
const TOKEN = 'ratelimit-token-0c7e55ab';
const service = new RecordingCdsService({ prefetch: {} });
const hook = {
  hook: 'patient-view',
  hookInstance: 'rate',
  fhirServer: 'https://ehr.example.org/fhir',
  fhirAuthorization: { access_token: TOKEN, token_type: 'Bearer', expires_in: 300, scope: 'user/*.read', subject: 'cds' },
  context: { patientId: 'p1' },
};

/** Stands in for the authentication guard: the client named in `X-Test-Client` becomes `req.cdsClient`. */
const fakeAuthentication: CanActivate = {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const iss = req.headers['x-test-client'];
    if (typeof iss === 'string') {
      (req as Request & { cdsClient?: { iss: string } }).cdsClient = { iss };
    }
    return true;
  },
};

async function appWith(options: Parameters<typeof createCdsHooksTestApp>[0], http: CdsHooksHttpOptions): Promise<CdsHooksTestApp> {
  return createCdsHooksTestApp(options, { http, clientGuard: fakeAuthentication });
}

function callService(app: CdsHooksTestApp, client?: string): Promise<Response> {
  const req = request(app.server).post('/cds-services/recording-service').set('Content-Type', 'application/json');
  return (client ? req.set('X-Test-Client', client) : req).send(hook);
}

// Both ways the hook endpoint is served, held to the same answers.
describe.each(HOOK_ENDPOINT_WAYS)('%s', (_way, http) => {
  let testApp: CdsHooksTestApp;

  beforeEach(async () => {
    testApp = await appWith({ services: [service], rateLimit: { limit: LIMIT, ttlMs: TTL_MS } }, http);
  });

  afterEach(async () => {
    await testApp?.close();
  });

  describe('rate limit', () => {
    it('429 with an OperationOutcome and Retry-After once a client exceeds the limit', async () => {
      for (let i = 0; i < LIMIT; i += 1) {
        expect((await callService(testApp)).status).toBe(200);
      }
      const refused = await callService(testApp);
      expect(refused.status).toBe(429);
      expect(refused.headers['content-type']).toMatch(/^application\/json/);
      expect(refused.body.resourceType).toBe('OperationOutcome');
      expect(refused.body.issue[0].code).toBe('throttled');
      const retryAfter = Number(refused.headers['retry-after']);
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(TTL_MS / 1000);
      expect(refused.text).not.toContain(TOKEN);
      expect(testApp.logger.text()).not.toContain(TOKEN);
    });

    it('counts discovery, service calls and feedback against one budget per client', async () => {
      expect((await request(testApp.server).get('/cds-services')).status).toBe(200);
      expect((await callService(testApp)).status).toBe(200);
      const feedback = { feedback: [{ card: 'c', outcome: 'overridden', outcomeTimestamp: '2026-01-01T00:00:00Z' }] };
      expect(
        (
          await request(testApp.server)
            .post('/cds-services/recording-service/feedback')
            .set('Content-Type', 'application/json')
            .send(feedback)
        ).status,
      ).toBe(200);
      expect((await request(testApp.server).get('/cds-services')).status).toBe(429);
      expect(
        (
          await request(testApp.server)
            .post('/cds-services/recording-service/feedback')
            .set('Content-Type', 'application/json')
            .send(feedback)
        ).status,
      ).toBe(429);
    });

    it('keys the budget by the authenticated client (req.cdsClient.iss), not by the shared address', async () => {
      for (let i = 0; i < LIMIT; i += 1) {
        expect((await callService(testApp, 'https://ehr-a.example.org')).status).toBe(200);
      }
      expect((await callService(testApp, 'https://ehr-a.example.org')).status).toBe(429);
      expect((await callService(testApp, 'https://ehr-b.example.org')).status).toBe(200);
      expect((await callService(testApp)).status).toBe(200); // unauthenticated: its address has its own budget
    });

    it('refused requests reach neither the service nor body validation', async () => {
      service.received.length = 0;
      for (let i = 0; i < LIMIT; i += 1) {
        await callService(testApp);
      }
      const refused = await request(testApp.server).post('/cds-services/recording-service').set('Content-Type', 'text/plain').send('x');
      expect(refused.status).toBe(429);
      expect(service.received).toHaveLength(LIMIT);
    });

    it('leaves routes outside /cds-services alone', async () => {
      for (let i = 0; i < LIMIT + 2; i += 1) {
        await request(testApp.server).get('/cds-services');
      }
      expect((await request(testApp.server).get('/elsewhere')).status).toBe(404);
    });

    it('lets a browser client read Retry-After (CORS exposes it)', async () => {
      for (let i = 0; i < LIMIT; i += 1) {
        await callService(testApp);
      }
      const refused = await request(testApp.server).get('/cds-services').set('Origin', 'https://sandbox.cds-hooks.org');
      expect(refused.status).toBe(429);
      expect(refused.headers['access-control-allow-origin']).toBe('*');
      expect(refused.headers['access-control-expose-headers']).toMatch(/Retry-After/i);
    });

    it('rateLimit: false turns it off', async () => {
      const unlimited = await appWith({ services: [service], rateLimit: false }, http);
      try {
        for (let i = 0; i < 20; i += 1) {
          expect((await callService(unlimited)).status).toBe(200);
        }
      } finally {
        await unlimited.close();
      }
    });

    it('counts in the storage the app gives (e.g. one shared by several instances)', async () => {
      const keys: string[] = [];
      const storage: ThrottlerStorage = {
        increment: async (key) => {
          keys.push(key);
          return { totalHits: 1, timeToExpire: 60, isBlocked: keys.length > 1, timeToBlockExpire: 42 };
        },
      };
      const shared = await appWith({ services: [service], rateLimit: { limit: 1, ttlMs: 60_000, storage } }, http);
      try {
        expect((await callService(shared, 'https://ehr.example.org')).status).toBe(200);
        const refused = await callService(shared, 'https://ehr.example.org');
        expect(refused.status).toBe(429);
        expect(refused.headers['retry-after']).toBe('42');
        expect(keys).toEqual(['client:https://ehr.example.org', 'client:https://ehr.example.org']);
      } finally {
        await shared.close();
      }
    });
  });
});
