import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import type { Response } from 'supertest';
import type { JSONWebKeySet } from 'jose';
import { specDataDir, HOOK_ENDPOINT_WAYS, readSpecJson } from '@pcb-cds/cds-hooks-api/testing';
import type { AuthTestApp } from '../testing/create-auth-test-app';
import { createAuthTestApp } from '../testing/create-auth-test-app';
import type { JwksTestServer } from '../testing';
import { hmacToken, startJwksTestServer, testClaims, TestCdsClient, unsignedToken } from '../testing';

const BASE = 'https://cds.example.org';
const DISCOVERY = `${BASE}/cds-services`;
const SERVICE = `${BASE}/cds-services/echo-service`;
const FEEDBACK = `${BASE}/cds-services/echo-service/feedback`;

const spec = (file: string): string => join(specDataDir(), 'cds-hooks-spec', file);
const specExpired = readFileSync(spec('spec-2.0.1-examples/jwt-example-expired.txt'), 'utf8').trim();
const specJwks = readSpecJson<JSONWebKeySet>('cds-hooks-spec/spec-2.0.1-examples/jwks-public.json');
const specPayload = readSpecJson<{ iss: string; aud: string }>('cds-hooks-spec/spec-2.0.1-examples/jwt-payload.json');
const specJku = readSpecJson<{ jku: string }>('cds-hooks-spec/spec-2.0.1-examples/jwt-header.json').jku;
const hookBody = {
  hook: 'patient-view',
  hookInstance: 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea',
  context: { userId: 'Practitioner/example', patientId: '1288992' },
};
const feedbackBody = readSpecJson<unknown>('cds-hooks-spec/spec-2.0.1-examples/feedback-accepted.json');

let ehr: TestCdsClient;
let jkuClient: TestCdsClient;
let jwksServer: JwksTestServer;
let slowServer: JwksTestServer;
let attackerServer: JwksTestServer;
let testApp: AuthTestApp;
// Every token this suite sends: none may ever show up in a response body or a log line.
const sentTokens: string[] = [];

// Both ways the hook endpoint is served: the fast hook route runs the guard itself, the Nest route as a global guard
// (once: a second run on the same request would refuse its token as a replay).
describe.each(HOOK_ENDPOINT_WAYS)('%s', (_way, http) => {
  beforeAll(async () => {
    ehr = await TestCdsClient.create({ iss: 'https://ehr.example' });
    jkuClient = await TestCdsClient.create({ iss: 'https://jku-ehr.example', alg: 'RS384' });
    const slowClient = await TestCdsClient.create({ iss: 'https://slow-ehr.example' });
    jwksServer = await startJwksTestServer(jkuClient.jwks);
    slowServer = await startJwksTestServer(slowClient.jwks, 'never-respond');
    attackerServer = await startJwksTestServer(ehr.jwks);
    testApp = await createAuthTestApp(
      {
        mode: 'on',
        publicBaseUrl: BASE,
        jwksTimeoutMs: 300,
        // This suite refuses many tokens from one address on purpose; the failure budget has its own suite.
        authFailuresPerMinute: 0,
        trustedClients: {
          clients: [
            ehr.trustedClient(),
            { iss: jkuClient.iss, jkuAllowlist: [jwksServer.url] },
            { iss: slowClient.iss, jwksUrl: slowServer.url },
            { iss: specPayload.iss, jwks: specJwks, jkuAllowlist: [specJku] },
          ],
        },
      },
      http,
    );
  });

  afterAll(async () => {
    await testApp?.close();
    await Promise.all([jwksServer, slowServer, attackerServer].map((s) => s?.close()));
  });

  function send(method: 'get' | 'post', path: string, authorization?: string, body?: unknown): Promise<Response> {
    let req = request(testApp.server)[method](path);
    if (authorization !== undefined) {
      req = req.set('Authorization', authorization);
      const credentials = authorization.replace(/^\S+\s*/, '');
      // Header-format cases ("Bearer", "Basic …") carry no token worth tracing.
      if (credentials.length >= 16) {
        sentTokens.push(credentials);
      }
    }
    return body === undefined ? req : req.set('Content-Type', 'application/json').send(JSON.stringify(body));
  }

  const discovery = (auth?: string): Promise<Response> => send('get', '/cds-services', auth);
  const invoke = (auth?: string, path = '/cds-services/echo-service'): Promise<Response> => send('post', path, auth, hookBody);
  const feedback = (auth?: string): Promise<Response> => send('post', '/cds-services/echo-service/feedback', auth, feedbackBody);

  async function bearer(client: TestCdsClient, aud: string, options: Parameters<TestCdsClient['token']>[1] = {}): Promise<string> {
    return `Bearer ${await client.token(aud, options)}`;
  }

  /** The one 401 every failure gets: generic OperationOutcome, WWW-Authenticate, no token in the body. */
  function expectRefused(res: Response): void {
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.body).toEqual({
      resourceType: 'OperationOutcome',
      issue: [expect.objectContaining({ severity: 'error', code: 'login', details: { text: 'Authentication required' } })],
    });
    for (const token of sentTokens) {
      expect(res.text).not.toContain(token);
    }
  }

  /** The last warn line of the guard, which must name the reason. */
  function lastRefusal(): string {
    const warns = testApp.logger.lines.filter((l) => l.level === 'warn' && l.text.includes('refused with 401'));
    return warns[warns.length - 1]?.text ?? '';
  }

  describe('CDS client authentication on: valid tokens', () => {
    it('lets discovery, a service call and feedback through, each with its own token for its own URL', async () => {
      const d = await discovery(await bearer(ehr, DISCOVERY));
      expect(d.status).toBe(200);
      expect(d.body.services[0].id).toBe('echo-service');
      const s = await invoke(await bearer(ehr, SERVICE));
      expect(s.status).toBe(200);
      expect(s.body).toEqual({ cards: [] });
      expect(testApp.service.handled).toHaveLength(1);
      const f = await feedback(await bearer(ehr, FEEDBACK));
      expect(f.status).toBe(200);
    });

    it('attaches the verified client to the request', async () => {
      const res = await send('get', '/cds-services/_whoami', await bearer(ehr, `${BASE}/cds-services/_whoami`, { tenant: 'clinic-7' }));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ client: { iss: ehr.iss, kid: ehr.kid, tenant: 'clinic-7' } });
    });

    it('accepts a token whose jku is on the allowlist, its keys served by a local JWKS server', async () => {
      const res = await invoke(await bearer(jkuClient, SERVICE, { jku: jwksServer.url }));
      expect(res.status).toBe(200);
      expect(jwksServer.requests).toBe(1);
    });
  });

  describe('CDS client authentication on: refusals (401, OperationOutcome, WWW-Authenticate: Bearer)', () => {
    it('refuses a call without Authorization header, and never reaches the service', async () => {
      const before = testApp.service.handled.length;
      expectRefused(await invoke());
      expectRefused(await discovery());
      expectRefused(await feedback());
      expect(testApp.service.handled).toHaveLength(before);
      expect(lastRefusal()).toContain('(missing-token)');
    });

    it.each([['Basic dXNlcjpwYXNzd29yZA=='], ['Bearer'], ['Bearer a b c'], ['Bearer not-a-jwt']])(
      'refuses the Authorization header %j',
      async (header) => {
        expectRefused(await invoke(header));
        expect(lastRefusal()).toContain('(malformed-token)');
      },
    );

    it("refuses the spec's example JWT: valid signature (jwks-public.json), trusted iss, right aud, but expired", async () => {
      expect(specPayload.aud).toBe(`${BASE}/cds-services/some-service`);
      expectRefused(await invoke(`Bearer ${specExpired}`, '/cds-services/some-service'));
      expect(lastRefusal()).toContain('(expired)');
    });

    it('refuses a token for another URL: another service, discovery for a service call, a service for feedback', async () => {
      expectRefused(await invoke(await bearer(ehr, `${BASE}/cds-services/other-service`)));
      expect(lastRefusal()).toContain('(wrong-audience)');
      expectRefused(await invoke(await bearer(ehr, DISCOVERY)));
      expectRefused(await feedback(await bearer(ehr, SERVICE)));
      expectRefused(await discovery(await bearer(ehr, 'http://127.0.0.1/cds-services')));
    });

    it('refuses an unknown kid', async () => {
      expectRefused(await invoke(await bearer(ehr, SERVICE, { kid: 'rotated-away' })));
      expect(lastRefusal()).toContain('(unknown-key)');
    });

    it('refuses alg none (an unsigned token)', async () => {
      expectRefused(await invoke(`Bearer ${unsignedToken(testClaims(ehr.iss, SERVICE), { kid: ehr.kid })}`));
      expect(lastRefusal()).toContain('(algorithm-not-allowed)');
    });

    it("refuses HS256 signed with the client's public key as the HMAC secret (key confusion)", async () => {
      const token = await hmacToken(await ehr.publicKeyPem(), testClaims(ehr.iss, SERVICE), { kid: ehr.kid });
      expectRefused(await invoke(`Bearer ${token}`));
      expect(lastRefusal()).toContain('(algorithm-not-allowed)');
    });

    it('refuses the second use of a token (replayed jti)', async () => {
      const authorization = await bearer(ehr, SERVICE);
      expect((await invoke(authorization)).status).toBe(200);
      expectRefused(await invoke(authorization));
      expect(lastRefusal()).toContain('(replayed)');
    });

    it('refuses an untrusted iss', async () => {
      const stranger = await TestCdsClient.create({ iss: 'https://stranger.example' });
      expectRefused(await invoke(await bearer(stranger, SERVICE)));
      expect(lastRefusal()).toContain('(untrusted-issuer)');
    });

    it('refuses a jku that is not on the allowlist, and the server at that jku receives no request', async () => {
      expectRefused(await invoke(await bearer(ehr, SERVICE, { jku: attackerServer.url })));
      expectRefused(await invoke(await bearer(jkuClient, SERVICE, { jku: attackerServer.url })));
      expect(lastRefusal()).toContain('(jku-not-allowed)');
      expect(attackerServer.requests).toBe(0);
    });

    it('refuses when the JWKS server does not answer within the timeout', async () => {
      const slow = await TestCdsClient.create({ iss: 'https://slow-ehr.example' });
      expectRefused(await invoke(await bearer(slow, SERVICE)));
      expect(lastRefusal()).toContain('(key-set-unavailable)');
      expect(slowServer.requests).toBe(1);
    }, 5_000);

    it('answers 401 before the content-type check and before looking the service up (no service enumeration)', async () => {
      const res = await send('post', '/cds-services/no-such-service', undefined, hookBody);
      expectRefused(res);
      expectRefused(await request(testApp.server).post('/cds-services/echo-service').set('Content-Type', 'text/plain').send('x'));
    });

    it('checks /cds-services whatever the case of the path (Express routes it case-insensitively)', async () => {
      expectRefused(await request(testApp.server).get('/CDS-Services'));
      expectRefused(
        await request(testApp.server).post('/Cds-Services/echo-service').set('Content-Type', 'application/json').send(hookBody),
      );
    });
  });

  describe('CDS client authentication on: what is not checked', () => {
    it('lets a CORS preflight through without a token', async () => {
      const res = await request(testApp.server)
        .options('/cds-services/echo-service')
        .set('Origin', 'https://sandbox.cds-hooks.org')
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization,content-type');
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-headers']).toMatch(/Authorization/i);
    });

    it('lets /health through without a token', async () => {
      const res = await request(testApp.server).get('/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok' });
    });

    it('sends CORS headers on a 401 too, so a browser client can read it', async () => {
      const res = await request(testApp.server).get('/cds-services').set('Origin', 'https://sandbox.cds-hooks.org');
      expectRefused(res);
      expect(res.headers['access-control-allow-origin']).toBe('*');
    });
  });

  describe('CDS client authentication on: logs', () => {
    it('logs each refusal at warn level with its reason, and no token ever appears in any log line', () => {
      const refusals = testApp.logger.lines.filter((l) => l.text.includes('refused with 401'));
      expect(refusals.length).toBeGreaterThan(10);
      expect(refusals.every((l) => l.level === 'warn')).toBe(true);
      const logs = testApp.logger.text();
      expect(sentTokens.length).toBeGreaterThan(15);
      for (const token of sentTokens) {
        expect(logs).not.toContain(token);
        for (const part of token.split('.').filter((p) => p.length >= 16)) {
          expect(logs).not.toContain(part);
        }
      }
    });
  });
});
