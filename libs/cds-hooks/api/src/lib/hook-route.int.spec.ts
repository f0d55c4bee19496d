import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Test } from '@nestjs/testing';
import type { NextFunction, Request, Response as ExpressResponse } from 'express';
import request from 'supertest';
import type { Response } from 'supertest';
import type { CdsHooksTestApp } from '../testing';
import { createCdsHooksTestApp, HOOK_ENDPOINT_WAYS, RecordingCdsService } from '../testing';
import { CdsHooksApiModule } from './cds-hooks-api.module';
import { configureCdsHooksHttp } from './configure-cds-hooks-http';

// The hook endpoint, POST /cds-services/{id}, served both ways (the fast hook route outside Nest's router, or the
// Nest route): these cases hold each to the same contract as the Nest routes beside it.

const service = new RecordingCdsService({ prefetch: {} });
const hook = { hook: 'patient-view', hookInstance: 'route-check', context: { patientId: 'p1' } };
const feedback = {
  feedback: [{ card: 'c1', outcome: 'accepted', outcomeTimestamp: '2026-11-22T07:00:00Z', acceptedSuggestions: [{ id: 's1' }] }],
};
/** Per-answer headers: the rest must be the same on every route. */
const PER_ANSWER = new Set(['content-length', 'date', 'x-request-id', 'connection', 'keep-alive', 'etag']);
describe.each(HOOK_ENDPOINT_WAYS)('%s', (_way, http) => {
  let testApp: CdsHooksTestApp;

  beforeAll(async () => {
    testApp = await createCdsHooksTestApp({ services: [service], rateLimit: false }, { http });
  });

  afterAll(async () => {
    await testApp?.close();
  });

  const post = (path: string, body: unknown = hook): Promise<Response> => postText(path, JSON.stringify(body));
  const postText = (path: string, text: string): Promise<Response> =>
    request(testApp.server).post(path).set('Origin', 'https://ehr.example').set('Content-Type', 'application/json').send(text);

  function sharedHeaders(res: Response): Record<string, string> {
    return Object.fromEntries(Object.entries(res.headers).filter(([name]) => !PER_ANSWER.has(name)));
  }

  describe('the hook endpoint', () => {
    it.each([
      ['the plain path', '/cds-services/recording-service'],
      ['a trailing slash', '/cds-services/recording-service/'],
      ['a query string', '/cds-services/recording-service?x=1'],
      ['a percent-encoded id', '/cds-services/recording%2Dservice'],
    ])('serves a service call by %s', async (_name, path) => {
      const res = await post(path);
      expect(res.status).toBe(200);
      expect(res.body.cards).toHaveLength(1);
    });

    it('sends the headers the Nest routes send (security policy, CORS, content type)', async () => {
      const hookAnswer = await post('/cds-services/recording-service');
      const feedbackAnswer = await post('/cds-services/recording-service/feedback', feedback);
      expect(hookAnswer.status).toBe(200);
      expect(feedbackAnswer.status).toBe(200);
      expect(sharedHeaders(hookAnswer)).toEqual(sharedHeaders(feedbackAnswer));
    });

    it('answers its errors like the Nest routes: same headers, an OperationOutcome', async () => {
      const malformedHook = await postText('/cds-services/recording-service', '{');
      const malformedFeedback = await postText('/cds-services/recording-service/feedback', '{');
      expect(malformedHook.status).toBe(400);
      expect(malformedHook.body).toEqual(malformedFeedback.body);
      expect(sharedHeaders(malformedHook)).toEqual(sharedHeaders(malformedFeedback));
    });

    it('404s an unknown service with an OperationOutcome', async () => {
      const res = await post('/cds-services/no-such-service');
      expect(res.status).toBe(404);
      expect(res.body.resourceType).toBe('OperationOutcome');
      expect(res.body.issue[0].code).toBe('not-found');
    });

    it.each([
      ['GET of a service', () => request(testApp.server).get('/cds-services/recording-service')],
      ['a path below a service', () => post('/cds-services/recording-service/other')],
    ])('leaves %s to Nest (404 OperationOutcome)', async (_name, call) => {
      const res = await call();
      expect(res.status).toBe(404);
      expect(res.body.resourceType).toBe('OperationOutcome');
    });
  });

  describe("the hook endpoint reads plain bodies itself, with the parser's checks", () => {
    it('accepts a body that starts with a byte order mark', async () => {
      const res = await postText('/cds-services/recording-service', `\ufeff${JSON.stringify(hook)}`);
      expect(res.status).toBe(200);
    });

    it.each([
      ['a string', '"patient-view"'],
      ['a number', '42'],
      ['a truncated object', '{"hook":"patient-view"'],
    ])('400 "not valid JSON" for %s at the top level', async (_name, text) => {
      const res = await postText('/cds-services/recording-service', text);
      expect(res.status).toBe(400);
      expect(res.body.issue[0].details.text).toBe('The request body is not valid JSON');
    });

    it('413 from the declared Content-Length alone, before reading the body', async () => {
      if (!testApp.server.listening) {
        await new Promise<void>((resolve) => testApp.server.listen(0, '127.0.0.1', resolve));
      }
      const { port } = testApp.server.address() as AddressInfo;
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(
            'POST /cds-services/recording-service HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 6000000\r\n\r\n{',
          );
        });
        let text = '';
        socket.on('data', (chunk) => {
          text += chunk;
          if (text.includes('OperationOutcome')) {
            socket.destroy();
            resolve(text);
          }
        });
        socket.on('error', reject);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 413/);
    });
  });

  describe('the hook endpoint runs the client guard first, as Nest runs global guards', () => {
    it.each([
      ['answers false', () => false],
      ['resolves false', async () => false],
    ])('403 OperationOutcome, and the service is not called, when the guard %s', async (_name, verdict) => {
      const guarded = new RecordingCdsService({ prefetch: {} });
      const app = await createCdsHooksTestApp({ services: [guarded], rateLimit: false }, { http, clientGuard: { canActivate: verdict } });
      try {
        const res = await request(app.server).post('/cds-services/recording-service').set('Content-Type', 'application/json').send(hook);
        expect(res.status).toBe(403);
        expect(res.body.resourceType).toBe('OperationOutcome');
        expect(guarded.received).toHaveLength(0);
      } finally {
        await app.close();
      }
    });
  });

  describe('what an answered request keeps of its body', () => {
    it('its hookInstance only (the access log reads it after the answer; keep-alive connections hold the request)', async () => {
      const moduleRef = await Test.createTestingModule({
        imports: [CdsHooksApiModule.register({ services: [service], rateLimit: false })],
      }).compile();
      const app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
      const keptAfterAnswer: unknown[] = [];
      // Where the request observer stands: first, reading the body once the response has finished.
      app.use((req: Request, res: ExpressResponse, next: NextFunction) => {
        res.once('finish', () => keptAfterAnswer.push(req.body));
        next();
      });
      configureCdsHooksHttp(app, http);
      await app.init();
      try {
        const prefetch = { patient: { resourceType: 'Patient', id: 'p1' } };
        await request(app.getHttpServer())
          .post('/cds-services/recording-service')
          .send({ ...hook, prefetch })
          .expect(200);
        await request(app.getHttpServer())
          .post('/cds-services/recording-service')
          .set('Content-Type', 'application/json')
          .send('{')
          .expect(400);
        expect(keptAfterAnswer).toEqual([{ hookInstance: 'route-check' }, undefined]);
      } finally {
        await app.close();
      }
    });
  });
});
