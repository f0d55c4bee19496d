import request from 'supertest';
import type { Response } from 'supertest';
import type { CdsHooksTestApp } from '../testing';
import { createCdsHooksTestApp, HOOK_ENDPOINT_WAYS, RecordingCdsService } from '../testing';

const SANDBOX = 'https://sandbox.cds-hooks.org';
const service = new RecordingCdsService({ prefetch: {} });
const hook = { hook: 'patient-view', hookInstance: 'h', context: { patientId: 'p1' } };
let testApp: CdsHooksTestApp;

// Both ways the hook endpoint is served, held to the same answers.
describe.each(HOOK_ENDPOINT_WAYS)('%s', (_way, http) => {
  beforeAll(async () => {
    testApp = await createCdsHooksTestApp({ services: [service], rateLimit: false }, { http });
  });

  afterAll(async () => {
    await testApp?.close();
  });

  function expectSecurityHeaders(res: Response): void {
    expect(res.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-powered-by']).toBeUndefined();
    // The ones that would break cross-origin browser clients: CORP must allow cross-origin reads, COEP unset.
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['cross-origin-embedder-policy']).toBeUndefined();
  }

  describe('security headers', () => {
    it.each<[string, () => Promise<Response>, number]>([
      ['discovery', () => request(testApp.server).get('/cds-services').set('Origin', SANDBOX), 200],
      ['a service call', () => request(testApp.server).post('/cds-services/recording-service').set('Origin', SANDBOX).send(hook), 200],
      [
        'a 400',
        () => request(testApp.server).post('/cds-services/recording-service').set('Content-Type', 'application/json').send('{'),
        400,
      ],
      ['a 404 for an unknown route', () => request(testApp.server).get('/nowhere'), 404],
      ['a 415', () => request(testApp.server).post('/cds-services/recording-service').set('Content-Type', 'text/plain').send('x'), 415],
    ])('are on %s', async (_name, call, status) => {
      const res = await call();
      expect(res.status).toBe(status);
      expectSecurityHeaders(res);
    });

    it('leave the CDS Hooks sandbox flow working: preflight for a POST with a bearer JWT, then the POST', async () => {
      const preflight = await request(testApp.server)
        .options('/cds-services/recording-service')
        .set('Origin', SANDBOX)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization,content-type');
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe('*');
      expect(preflight.headers['access-control-allow-methods']).toContain('POST');
      expect(preflight.headers['access-control-allow-headers']?.toLowerCase()).toContain('authorization');
      expectSecurityHeaders(preflight);

      const post = await request(testApp.server)
        .post('/cds-services/recording-service')
        .set('Origin', SANDBOX)
        .set('Authorization', 'Bearer eyJhbGciOiJFUzM4NCJ9.e30.sig')
        .set('Content-Type', 'application/json')
        .send(hook);
      expect(post.status).toBe(200);
      expect(post.headers['access-control-allow-origin']).toBe('*');
      expect(post.body.cards).toHaveLength(1);
    });
  });
});
