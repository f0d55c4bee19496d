import type { INestApplication } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { configureCdsHooksHttp } from '@pcb-cds/cds-hooks-api';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CardViewerModule } from './card-viewer.module';

/**
 * Who may use the viewer's config and signing proxy: its own page with the access token. Every refused call
 * must reach nothing: the stand-in CDS service counts what arrives.
 */
const FHIR = 'http://127.0.0.1:8081/fhir';
const ACCESS_TOKEN = 'viewer-access-token-for-tests-0123456789';
const hook = {
  hook: 'patient-view',
  hookInstance: 'a2b1c3d4-0000-4000-8000-000000000001',
  fhirServer: FHIR,
  context: { patientId: 'p1', userId: 'Practitioner/viewer' },
};

describe('the card viewer’s API with an access token (signing on)', () => {
  let upstream: Server;
  let reached: string[];
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    reached = [];
    upstream = createServer((req, res) => {
      reached.push(`${req.method} ${req.url}`);
      req.resume().on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"cards":[],"services":[]}'));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const site = mkdtempSync(join(tmpdir(), 'viewer-site-'));
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>viewer</title>');
    @Module({
      imports: [
        CardViewerModule.forRoot({
          staticDir: site,
          fhirBaseUrl: FHIR,
          cdsBaseUrl: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
          signing: { issuer: 'http://localhost:3000/viewer' },
          accessToken: ACCESS_TOKEN,
          serviceIds: ['pcb-evaluation'],
        }),
      ],
    })
    class AccessTestModule {}
    app = await NestFactory.create(AccessTestModule, { bodyParser: false, logger: false });
    configureCdsHooksHttp(app);
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.close();
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
  });
  beforeEach(() => (reached.length = 0));

  const call = (path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<Response> =>
    fetch(`${url}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
  const outcomeOf = async (res: Response): Promise<{ resourceType: string; issue: { code: string }[] }> =>
    (await res.json()) as { resourceType: string; issue: { code: string }[] };

  const checked: [string, string, unknown?][] = [
    ['the configuration', '/viewer/config.json'],
    ['discovery', '/viewer/api/cds-services'],
    ['a hook call', '/viewer/api/cds-services/pcb-evaluation', hook],
    [
      'feedback',
      '/viewer/api/cds-services/pcb-evaluation/feedback',
      { feedback: [{ card: 'made-up', outcome: 'overridden', outcomeTimestamp: '2026-12-01T10:00:00Z' }] },
    ],
  ];

  describe.each(checked)('%s (%s)', (_name, path, body) => {
    it.each([
      ['no Authorization', {}],
      ['a wrong token', bearer(`${ACCESS_TOKEN.slice(0, -1)}X`)],
      ['the token under another scheme', { authorization: `Basic ${ACCESS_TOKEN}` }],
      ['a JWT instead of the token', bearer('eyJhbGciOiJFUzM4NCJ9.e30.sig')],
    ])('answers 401 with an OperationOutcome for %s, and reaches nothing', async (_case, headers) => {
      const res = await call(path, { headers, body });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="card-viewer"');
      expect(await outcomeOf(res)).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'login' }] });
      expect(reached).toEqual([]);
    });

    it('answers 403 to another origin, with the token, and sends no CORS header', async () => {
      const res = await call(path, { headers: { ...bearer(ACCESS_TOKEN), origin: 'https://evil.example' }, body });
      expect(res.status).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(await outcomeOf(res)).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'forbidden' }] });
      expect(reached).toEqual([]);
    });

    it('serves its own page (same Origin) with the token', async () => {
      const res = await call(path, { headers: { ...bearer(ACCESS_TOKEN), origin: url }, body });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(reached).toHaveLength(path.includes('/api/') ? 1 : 0);
    });
  });

  it('grants no cross-origin preflight (no CORS headers at all under /viewer)', async () => {
    const res = await call('/viewer/api/cds-services/pcb-evaluation', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-headers')).toBeNull();
    expect(res.status).toBe(404);
  });

  it.each([
    ['another FHIR server', 403, { ...hook, fhirServer: 'http://169.254.169.254/fhir' }],
    ['no FHIR server', 400, { ...hook, fhirServer: undefined }],
  ])('refuses, with the token, a hook call for %s (%s) and signs nothing', async (_name, status, body) => {
    const res = await call('/viewer/api/cds-services/pcb-evaluation', { headers: bearer(ACCESS_TOKEN), body });
    expect(res.status).toBe(status);
    expect((await outcomeOf(res)).resourceType).toBe('OperationOutcome');
    expect(reached).toEqual([]);
  });

  it('refuses, with the token, a service it does not call (404)', async () => {
    const res = await call('/viewer/api/cds-services/other-service', { headers: bearer(ACCESS_TOKEN), body: hook });
    expect(res.status).toBe(404);
    expect(reached).toEqual([]);
  });

  it('serves the page and its public key without the token (the page asks for the token)', async () => {
    expect((await call('/viewer/')).status).toBe(200);
    expect((await call('/viewer/.well-known/jwks.json')).status).toBe(200);
  });
});
