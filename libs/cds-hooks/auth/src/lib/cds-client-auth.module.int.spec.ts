import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { readSpecJson } from '@pcb-cds/cds-hooks-api/testing';
import type { AuthTestApp } from '../testing/create-auth-test-app';
import { createAuthTestApp } from '../testing/create-auth-test-app';
import { TestCdsClient } from '../testing';
import { CdsClientAuthModule } from './cds-client-auth.module';

const hookBody = { hook: 'patient-view', hookInstance: 'h-1', context: { patientId: 'p-1' } };
const feedbackBody = readSpecJson<object>('cds-hooks-spec/spec-2.0.1-examples/feedback-accepted.json');

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
    const fed = await request(server)
      .post('/cds-services/echo-service/feedback')
      .set('Content-Type', 'application/json')
      .send(feedbackBody);
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
  it('logs the trusted clients and the accepted audiences at start-up', async () => {
    testApp = await createAuthTestApp({
      mode: 'on',
      publicBaseUrl: 'https://cds.example.org',
      trustedClients: { clients: [ehr.trustedClient()] },
    });
    const text = testApp.logger.text();
    expect(text).toContain(`CDS client authentication is ON for /cds-services; 1 trusted client(s): ${ehr.iss}`);
    expect(text).toContain('https://cds.example.org/cds-services');
    expect(text).not.toContain('is OFF');
  });

  it('refuses to start without a public base URL: the audience is never taken from the request', () => {
    expect(() => CdsClientAuthModule.forRoot({ mode: 'on', trustedClients: { clients: [ehr.trustedClient()] } })).toThrow(
      'publicBaseUrl (or acceptedAudienceBaseUrls) is required',
    );
  });

  it('refuses a valid token minted for another service when the caller forges the Host header to match it', async () => {
    testApp = await createAuthTestApp({
      mode: 'on',
      publicBaseUrl: 'https://cds.example.org',
      trustedClients: { clients: [ehr.trustedClient()] },
    });
    // A token the EHR minted for a different service (other.example); the attacker replays it here with that Host.
    const forged = await request(testApp.server)
      .get('/cds-services')
      .set('Host', 'other.example')
      .set('X-Forwarded-Host', 'other.example')
      .set('X-Forwarded-Proto', 'https')
      .set('Authorization', await ehr.authorization('https://other.example/cds-services'));
    expect(forged.status).toBe(401);
    expect(forged.body.resourceType).toBe('OperationOutcome');
    const right = await request(testApp.server)
      .get('/cds-services')
      .set('Host', 'other.example')
      .set('Authorization', await ehr.authorization('https://cds.example.org/cds-services'));
    expect(right.status).toBe(200);
  });

  it('refuses a token for another service sent with an absolute-URI request line naming that service', async () => {
    // Security probe: `POST https://other.example/cds-services HTTP/1.1` puts the other service's
    // name in the request target itself, not only in Host.
    testApp = await createAuthTestApp({
      mode: 'on',
      publicBaseUrl: 'https://cds.example.org',
      trustedClients: { clients: [ehr.trustedClient()] },
    });
    await testApp.app.listen(0, '127.0.0.1');
    const port = (testApp.server.address() as AddressInfo).port;
    const statusLineOf = async (target: string, audience: string): Promise<string> => {
      const authorization = await ehr.authorization(audience);
      return new Promise((resolve, reject) => {
        let answer = '';
        const socket = connect(port, '127.0.0.1', () =>
          socket.write(`GET ${target} HTTP/1.1\r\nHost: other.example\r\nAuthorization: ${authorization}\r\nConnection: close\r\n\r\n`),
        );
        socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
        socket.on('end', () => resolve(answer.split('\r\n')[0]));
        socket.on('error', reject);
      });
    };
    expect(await statusLineOf('https://other.example/cds-services', 'https://other.example/cds-services')).not.toMatch(/^HTTP\/1\.1 2/);
    expect(await statusLineOf('/cds-services', 'https://other.example/cds-services')).toMatch(/^HTTP\/1\.1 401/);
    expect(await statusLineOf('/cds-services', 'https://cds.example.org/cds-services')).toMatch(/^HTTP\/1\.1 200/);
  });

  it('accepts a token for any configured audience base URL, and only those', async () => {
    testApp = await createAuthTestApp({
      mode: 'on',
      acceptedAudienceBaseUrls: ['https://cds.example.org', 'https://cds-internal.example.org/pcb/'],
      trustedClients: { clients: [ehr.trustedClient()] },
    });
    const path = '/cds-services';
    for (const aud of ['https://cds.example.org/cds-services', 'https://cds-internal.example.org/pcb/cds-services']) {
      expect(
        (
          await request(testApp.server)
            .get(path)
            .set('Authorization', await ehr.authorization(aud))
        ).status,
      ).toBe(200);
    }
    expect(
      (
        await request(testApp.server)
          .get(path)
          .set('Authorization', await ehr.authorization('https://cds-internal.example.org/cds-services'))
      ).status,
    ).toBe(401);
  });

  it('behind a proxy with a path prefix, expects aud = publicBaseUrl + path', async () => {
    testApp = await createAuthTestApp({
      mode: 'on',
      publicBaseUrl: 'https://example.org/pcb/',
      trustedClients: { clients: [ehr.trustedClient()] },
    });
    const ok = await request(testApp.server)
      .get('/cds-services')
      .set('Authorization', await ehr.authorization('https://example.org/pcb/cds-services'));
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
    [
      'an accepted audience that is not a URL',
      { mode: 'off', acceptedAudienceBaseUrls: ['cds.example.org'] },
      'acceptedAudienceBaseUrls[0] must be an absolute URL',
    ],
    [
      'mode on without any audience',
      { mode: 'on', trustedClients: { clients: [] } },
      'publicBaseUrl (or acceptedAudienceBaseUrls) is required',
    ],
    ['a negative failure budget', { mode: 'off', authFailuresPerMinute: -1 }, 'authFailuresPerMinute'],
    [
      'an invalid trusted clients config',
      { mode: 'on', publicBaseUrl: 'https://x.example', trustedClients: { clients: [{ iss: 'x' }] } },
      'clients[0] needs a key source',
    ],
    [
      'a negative clock skew',
      { mode: 'on', publicBaseUrl: 'https://x.example', trustedClients: { clients: [] }, clockSkewSeconds: -5 },
      'clockSkewSeconds',
    ],
  ])('refuses %s at start-up', (_label, options, message) => {
    expect(() => CdsClientAuthModule.forRoot(options as never)).toThrow(message);
  });
});
