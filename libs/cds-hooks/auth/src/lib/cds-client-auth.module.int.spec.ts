import request from 'supertest';
import { readSharedJson } from '@pcb-cds/cds-hooks-api/testing';
import type { AuthTestApp } from '../testing/create-auth-test-app';
import { createAuthTestApp } from '../testing/create-auth-test-app';
import { TestCdsClient } from '../testing';
import { CdsClientAuthModule } from './cds-client-auth.module';

const hookBody = { hook: 'patient-view', hookInstance: 'h-1', context: { patientId: 'p-1' } };
const feedbackBody = readSharedJson<object>('cds-hooks-spec/spec-2.0.1-examples/feedback-accepted.json');

let ehr: TestCdsClient;
let testApp: AuthTestApp | undefined;

beforeAll(async () => {
  ehr = await TestCdsClient.create({ iss: 'https://ehr.example' });
});

afterEach(async () => {
  await testApp?.close();
  testApp = undefined;
});

describe("CdsClientAuthModule mode 'off'", () => {
  it('lets every call through without any token, and warns loudly once at start-up', async () => {
    testApp = await createAuthTestApp({ mode: 'off' });
    const server = testApp.server;
    expect((await request(server).get('/cds-services')).status).toBe(200);
    const invoked = await request(server).post('/cds-services/echo-service').set('Content-Type', 'application/json').send(hookBody);
    expect(invoked.status).toBe(200);
    const fed = await request(server).post('/cds-services/echo-service/feedback').set('Content-Type', 'application/json').send(feedbackBody);
    expect(fed.status).toBe(200);
    expect((await request(server).get('/cds-services').set('Authorization', 'Bearer garbage.garbage.garbage')).status).toBe(200);
    expect((await request(server).get('/cds-services/_whoami')).body).toEqual({ client: null });

    const offWarnings = testApp.logger.lines.filter((l) => l.text.includes('CDS client authentication is OFF'));
    expect(offWarnings).toHaveLength(1);
    expect(offWarnings[0].level).toBe('warn');
    expect(testApp.logger.text()).not.toContain('refused with 401');
  });
});

describe("CdsClientAuthModule mode 'on'", () => {
  it('logs the trusted clients at start-up, and warns when no public base URL is configured', async () => {
    testApp = await createAuthTestApp({ mode: 'on', trustedClients: { clients: [ehr.trustedClient()] } });
    const text = testApp.logger.text();
    expect(text).toContain(`CDS client authentication is ON for /cds-services; 1 trusted client(s): ${ehr.iss}`);
    expect(testApp.logger.lines.some((l) => l.level === 'warn' && l.text.includes('No public base URL configured'))).toBe(true);
    expect(text).not.toContain('is OFF');
  });

  it('does not warn about the base URL when it is configured', async () => {
    testApp = await createAuthTestApp({ mode: 'on', publicBaseUrl: 'https://cds.example.org', trustedClients: { clients: [ehr.trustedClient()] } });
    expect(testApp.logger.text()).not.toContain('No public base URL configured');
  });

  it('without a public base URL, expects aud = protocol + Host header + path', async () => {
    testApp = await createAuthTestApp({ mode: 'on', trustedClients: { clients: [ehr.trustedClient()] } });
    const ok = await request(testApp.server)
      .get('/cds-services?ignored=query')
      .set('Host', 'cds.test:8443')
      .set('Authorization', await ehr.authorization('http://cds.test:8443/cds-services'));
    expect(ok.status).toBe(200);
    const otherHost = await request(testApp.server)
      .get('/cds-services')
      .set('Host', 'cds.test:8443')
      .set('Authorization', await ehr.authorization('http://other.test:8443/cds-services'));
    expect(otherHost.status).toBe(401);
  });

  it('behind a proxy with a path prefix, expects aud = publicBaseUrl + path', async () => {
    testApp = await createAuthTestApp({ mode: 'on', publicBaseUrl: 'https://example.org/pcb/', trustedClients: { clients: [ehr.trustedClient()] } });
    const ok = await request(testApp.server).get('/cds-services').set('Authorization', await ehr.authorization('https://example.org/pcb/cds-services'));
    expect(ok.status).toBe(200);
    const hostBased = await request(testApp.server)
      .get('/cds-services')
      .set('Host', 'cds.test')
      .set('Authorization', await ehr.authorization('http://cds.test/cds-services'));
    expect(hostBased.status).toBe(401);
  });

  it('takes the clock skew and lifetime cap from the options', async () => {
    testApp = await createAuthTestApp({
      mode: 'on',
      publicBaseUrl: 'https://cds.example.org',
      maxTokenLifetimeSeconds: 30,
      trustedClients: { clients: [ehr.trustedClient()] },
    });
    const res = await request(testApp.server)
      .get('/cds-services')
      .set('Authorization', await ehr.authorization('https://cds.example.org/cds-services', { lifetimeSeconds: 60 }));
    expect(res.status).toBe(401);
    expect(testApp.logger.text()).toContain('(lifetime-too-long)');
  });
});

describe('CdsClientAuthModule.forRoot options', () => {
  it.each([
    ['an unknown mode', { mode: 'maybe' }, "mode must be 'on' or 'off'"],
    ['mode on without trusted clients', { mode: 'on' }, 'trustedClients is required'],
    ['a relative public base URL', { mode: 'off', publicBaseUrl: '/pcb' }, 'publicBaseUrl must be an absolute URL'],
    ['a public base URL with a query', { mode: 'off', publicBaseUrl: 'https://x.example/?a=1' }, 'publicBaseUrl must be an http(s) URL'],
    ['an invalid trusted clients config', { mode: 'on', trustedClients: { clients: [{ iss: 'x' }] } }, 'clients[0] needs a key source'],
    ['a negative clock skew', { mode: 'on', trustedClients: { clients: [] }, clockSkewSeconds: -5 }, 'clockSkewSeconds'],
  ])('refuses %s at start-up', (_label, options, message) => {
    expect(() => CdsClientAuthModule.forRoot(options as never)).toThrow(message);
  });
});
