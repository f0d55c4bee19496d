import type { INestApplication } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CdsHooksApiModule, configureCdsHooksHttp } from '@pcb-cds/cds-hooks-api';
import type { CdsService } from '@pcb-cds/cds-hooks-model';
import type { JSONWebKeySet } from 'jose';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CardViewerOptions } from './card-viewer.options';
import { CardViewerModule } from './card-viewer.module';

const FHIR = 'http://127.0.0.1:8081/fhir';
const ISSUER = 'http://localhost:3000/viewer';
const ACCESS_TOKEN = 'viewer-access-token-for-tests-0123456789';

/** A built page: index.html, a stylesheet, a script, and a dotfile that must never be served. */
function builtSite(): string {
  const dir = mkdtempSync(join(tmpdir(), 'viewer-site-'));
  mkdirSync(join(dir, 'js'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>viewer</title>');
  writeFileSync(join(dir, 'viewer.css'), 'body{}');
  writeFileSync(join(dir, 'js', 'main.js'), 'export {};');
  writeFileSync(join(dir, '.env'), 'SECRET=1');
  return dir;
}

interface Received {
  method?: string;
  url?: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A stand-in CDS service that records what reaches it. */
async function startUpstream(status = 200, body = '{"cards":[]}'): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body: text });
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server };
}

const stubService: CdsService = {
  definition: { id: 'stub', hook: 'patient-view', description: 'stub' },
  handle: async (request) => ({
    cards: [{ summary: `hello ${request.context.patientId}`, indicator: 'info', source: { label: 'stub' } }],
  }),
};

async function startViewer(options: Partial<CardViewerOptions> = {}): Promise<{ app: INestApplication; url: string }> {
  @Module({
    imports: [
      CdsHooksApiModule.register({ services: [stubService] }),
      CardViewerModule.forRoot({ staticDir: builtSite(), fhirBaseUrl: FHIR, ...options }),
    ],
  })
  class TestAppModule {}
  const app = await NestFactory.create(TestAppModule, { bodyParser: false, logger: false });
  configureCdsHooksHttp(app);
  await app.listen(0, '127.0.0.1');
  return { app, url: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}` };
}

const json = { 'content-type': 'application/json' };

describe('CardViewerModule', () => {
  describe('the page', () => {
    let viewer: { app: INestApplication; url: string };
    beforeAll(async () => (viewer = await startViewer()));
    afterAll(() => viewer.app.close());

    it('redirects /viewer to /viewer/ (relative Location) so the page’s relative URLs resolve under it', async () => {
      const res = await fetch(`${viewer.url}/viewer?x=1`, { redirect: 'manual' });
      expect(res.status).toBe(301);
      expect(res.headers.get('location')).toBe('viewer/?x=1');
      expect(new URL(res.headers.get('location') ?? '', `${viewer.url}/viewer?x=1`).href).toBe(`${viewer.url}/viewer/?x=1`);
    });

    it('serves index.html with a strict Content-Security-Policy that allows the FHIR server', async () => {
      const res = await fetch(`${viewer.url}/viewer/`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(await res.text()).toContain('<title>viewer</title>');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self' http://127.0.0.1:8081");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    });

    it('serves the stylesheet and scripts with their types', async () => {
      expect((await fetch(`${viewer.url}/viewer/viewer.css`)).headers.get('content-type')).toContain('text/css');
      expect((await fetch(`${viewer.url}/viewer/js/main.js`)).headers.get('content-type')).toContain('javascript');
    });

    it.each(['/viewer/.env', '/viewer/%2e%2e/%2e%2e/package.json', '/viewer/js/%2e%2e/.env', '/viewer/nothing.js'])(
      'answers 404 for %s (no dotfiles, nothing outside the page)',
      async (path) => {
        const res = await fetch(`${viewer.url}${path}`);
        expect(res.status).toBe(404);
        expect(await res.text()).not.toContain('SECRET');
      },
    );

    it('tells the page the FHIR base URL and the proxy, with signing off', async () => {
      const res = await fetch(`${viewer.url}/viewer/config.json`);
      expect(await res.json()).toEqual({
        fhirBaseUrl: FHIR,
        fhirServer: FHIR,
        cdsServices: 'api/cds-services',
        cdsBaseUrl: 'this server',
        signedCalls: false,
        userId: 'Practitioner/viewer',
      });
    });

    it('has no JWK Set when signing is off', async () => {
      expect((await fetch(`${viewer.url}/viewer/.well-known/jwks.json`)).status).toBe(404);
    });

    it('proxies discovery and hook calls to the CDS service on its own server by default', async () => {
      const discovery = (await (await fetch(`${viewer.url}/viewer/api/cds-services`)).json()) as { services: { id: string }[] };
      expect(discovery.services.map((s: { id: string }) => s.id)).toEqual(['stub']);
      const res = await fetch(`${viewer.url}/viewer/api/cds-services/stub`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ hook: 'patient-view', hookInstance: 'h1', fhirServer: FHIR, context: { patientId: 'p1' } }),
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { cards: { summary: string }[] }).cards[0].summary).toBe('hello p1');
    });

    it('passes the CDS service’s errors through unchanged', async () => {
      const res = await fetch(`${viewer.url}/viewer/api/cds-services/unknown`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ fhirServer: FHIR }),
      });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
    });

    it('refuses a service id that is not a path segment, and a body that is not JSON', async () => {
      const badId = await fetch(`${viewer.url}/viewer/api/cds-services/a..b%2F..`, { method: 'POST', headers: json, body: '{}' });
      expect(badId.status).toBe(400);
      const noBody = await fetch(`${viewer.url}/viewer/api/cds-services/stub`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: 'x',
      });
      expect(noBody.status).toBe(400);
    });
  });

  describe('the signing proxy', () => {
    const withToken = { ...json, authorization: `Bearer ${ACCESS_TOKEN}` };
    let upstream: Awaited<ReturnType<typeof startUpstream>>;
    let viewer: { app: INestApplication; url: string };
    beforeAll(async () => {
      upstream = await startUpstream();
      viewer = await startViewer({
        cdsBaseUrl: upstream.url,
        signing: { issuer: ISSUER },
        accessToken: ACCESS_TOKEN,
        serviceIds: ['pcb-evaluation'],
      });
    });
    afterAll(async () => {
      await viewer.app.close();
      upstream.server.close();
    });

    it('forwards the body unchanged with a JWT whose aud is the exact URL called', async () => {
      const hook = {
        hook: 'patient-view',
        hookInstance: 'h2',
        fhirServer: FHIR,
        context: { patientId: 'p2', userId: 'Practitioner/viewer' },
      };
      const res = await fetch(`${viewer.url}/viewer/api/cds-services/pcb-evaluation`, {
        method: 'POST',
        headers: withToken,
        body: JSON.stringify(hook),
      });
      expect(res.status).toBe(200);
      const call = upstream.received.at(-1) as Received;
      expect(call.url).toBe('/cds-services/pcb-evaluation');
      expect(JSON.parse(call.body)).toEqual(hook);
      const token = (call.headers.authorization ?? '').replace(/^Bearer /, '');
      const jwks = (await (await fetch(`${viewer.url}/viewer/.well-known/jwks.json`)).json()) as JSONWebKeySet;
      const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), {
        issuer: ISSUER,
        audience: `${upstream.url}/cds-services/pcb-evaluation`,
        algorithms: ['ES384'],
      });
      expect((payload.exp as number) - (payload.iat as number)).toBe(300);
    });

    it('signs feedback for the feedback URL', async () => {
      const feedback = { feedback: [{ card: 'c1', outcome: 'overridden', outcomeTimestamp: '2026-11-22T10:00:00Z' }] };
      await fetch(`${viewer.url}/viewer/api/cds-services/pcb-evaluation/feedback`, {
        method: 'POST',
        headers: withToken,
        body: JSON.stringify(feedback),
      });
      const call = upstream.received.at(-1) as Received;
      expect(call.url).toBe('/cds-services/pcb-evaluation/feedback');
      const claims = JSON.parse(Buffer.from((call.headers.authorization ?? '').split('.')[1], 'base64url').toString('utf8'));
      expect(claims.aud).toBe(`${upstream.url}/cds-services/pcb-evaluation/feedback`);
      expect(JSON.parse(call.body)).toEqual(feedback);
    });

    it('says signing is on in config.json and names the CDS service it calls', async () => {
      expect(await (await fetch(`${viewer.url}/viewer/config.json`, { headers: withToken })).json()).toMatchObject({
        signedCalls: true,
        cdsBaseUrl: upstream.url,
      });
    });

    it('never passes on the token the browser sent (the viewer access token)', async () => {
      const before = upstream.received.length;
      await fetch(`${viewer.url}/viewer/api/cds-services/pcb-evaluation`, {
        method: 'POST',
        headers: withToken,
        body: JSON.stringify({ hook: 'patient-view', fhirServer: FHIR }),
      });
      expect(upstream.received).toHaveLength(before + 1);
      expect((upstream.received.at(-1) as Received).headers.authorization).toMatch(/^Bearer eyJ/);
      expect(JSON.stringify(upstream.received.at(-1))).not.toContain(ACCESS_TOKEN);
    });
  });

  describe('when the CDS service is down', () => {
    it('answers 502 with an OperationOutcome that says it is not reachable', async () => {
      const dead = await startUpstream();
      await new Promise<void>((resolve) => dead.server.close(() => resolve()));
      const viewer = await startViewer({ cdsBaseUrl: dead.url });
      try {
        const res = await fetch(`${viewer.url}/viewer/api/cds-services/pcb-evaluation`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ fhirServer: FHIR }),
        });
        expect(res.status).toBe(502);
        const outcome = (await res.json()) as { resourceType: string; issue: { diagnostics: string }[] };
        expect(outcome.resourceType).toBe('OperationOutcome');
        expect(outcome.issue[0].diagnostics).toBe(`The CDS service at ${dead.url} is not reachable: ECONNREFUSED`);
      } finally {
        await viewer.app.close();
      }
    });
  });

  describe('when the page was not built', () => {
    it('answers 503 with how to build it, while the rest keeps working', async () => {
      const viewer = await startViewer({ staticDir: join(tmpdir(), 'no-such-viewer-build') });
      try {
        const res = await fetch(`${viewer.url}/viewer/`);
        expect(res.status).toBe(503);
        expect(await res.text()).toContain('nx build card-viewer');
        expect((await fetch(`${viewer.url}/viewer/config.json`)).status).toBe(200);
      } finally {
        await viewer.app.close();
      }
    });
  });
});
