import request from 'supertest';
import type { Response } from 'supertest';
import type { CdsHooksTestApp, StubFhirRequest } from '../testing';
import { createCdsHooksTestApp, RecordingCdsService, StubFhirServer } from '../testing';

// The allowlist end to end: `trap` is a FHIR server on 127.0.0.1 that is NOT on the list. Whatever a request
// does, the trap must never receive a single request (and so never the token).

const TOKEN = 'allowlist-token-3b9e77d1';
const PATIENT_ID = 'p-allow';
const patient = { resourceType: 'Patient', id: PATIENT_ID };
const conditions = { resourceType: 'Bundle', type: 'searchset', entry: [] };

let allowed: StubFhirServer;
let trap: StubFhirServer;
let testApp: CdsHooksTestApp;
const service = new RecordingCdsService();
const bodies: string[] = [];

function fhirAnswer(req: StubFhirRequest): { status: number; body: unknown } {
  return req.path.startsWith('Patient/') ? { status: 200, body: patient } : { status: 200, body: conditions };
}

function hookRequest(fhirServer: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    hook: 'patient-view',
    hookInstance: 'allowlist-test',
    fhirServer,
    fhirAuthorization: { access_token: TOKEN, token_type: 'Bearer', expires_in: 300, scope: 'user/*.read', subject: 'cds' },
    context: { userId: 'Practitioner/1', patientId: PATIENT_ID },
    ...extra,
  };
}

async function post(body: unknown): Promise<Response> {
  const res = await request(testApp.server)
    .post('/cds-services/recording-service')
    .set('Content-Type', 'application/json')
    .send(JSON.stringify(body));
  bodies.push(res.text);
  return res;
}

beforeAll(async () => {
  allowed = await StubFhirServer.start();
  trap = await StubFhirServer.start();
  testApp = await createCdsHooksTestApp({
    services: [service],
    prefetchTimeoutMs: 2000,
    // Written with a trailing slash on purpose: the comparison must not depend on it.
    fhirServerAllowlist: [`${allowed.baseUrl}/`],
  });
});

afterAll(async () => {
  await testApp?.close();
  await allowed?.close();
  await trap?.close();
});

beforeEach(() => {
  allowed.reset();
  trap.reset();
  allowed.handler = fhirAnswer;
  trap.handler = fhirAnswer;
  service.received.length = 0;
});

afterEach(() => {
  expect(trap.requests).toEqual([]);
});

describe('fhirServerAllowlist', () => {
  it('fetches missing prefetch from an allowed server, with the token, and hands the service no token', async () => {
    const res = await post(hookRequest(allowed.baseUrl));
    expect(res.status).toBe(200);
    expect(allowed.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
    expect(service.received[0].prefetch).toEqual({ patient, conditions });
    expect(service.received[0].fhirAuthorization).toBeUndefined();
    expect(service.received[0].fhirServer).toBe(allowed.baseUrl);
  });

  it('fetches from an allowed server written differently (trailing slashes, explicit default-less port form)', async () => {
    const res = await post(hookRequest(`${allowed.baseUrl}//`));
    expect(res.status).toBe(200);
    expect(allowed.requests.map((r) => r.path).sort()).toEqual([`Condition?patient=${PATIENT_ID}`, `Patient/${PATIENT_ID}`]);
  });

  it('412 for a server not on the list, before any request: nothing reaches it, the service is not called', async () => {
    const res = await post(hookRequest(trap.baseUrl, { prefetch: { patient } }));
    expect(res.status).toBe(412);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(res.body.issue[0].code).toBe('forbidden');
    expect(res.body.issue[0].details.text).toContain('fhirServer is not an allowed FHIR server');
    expect(res.body.issue[0].details.text).toContain("'conditions'");
    expect(res.body.issue[0].expression).toEqual(['fhirServer']);
    expect(service.received).toHaveLength(0);
    expect(allowed.requests).toHaveLength(0);
  });

  it("logs the refused server's origin for the operator, not its path", async () => {
    await post(hookRequest(`${trap.baseUrl}/tenant/secret-path`));
    const line = testApp.logger.lines.find((l) => l.text.includes('fhirServer is not an allowed FHIR server'))?.text ?? '';
    expect(line).toContain(new URL(trap.baseUrl).origin);
    expect(line).not.toContain('secret-path');
  });

  it('412 for a path of the allowed host outside the allowed base path', async () => {
    const res = await post(hookRequest(`${new URL(allowed.baseUrl).origin}/admin`));
    expect(res.status).toBe(412);
    expect(allowed.requests).toHaveLength(0);
  });

  it('412 for dot segments leading out of the allowed base path', async () => {
    const res = await post(hookRequest(`${allowed.baseUrl}/%2e%2e/admin`));
    expect(res.status).toBe(412);
    expect(allowed.requests).toHaveLength(0);
  });

  it.each([
    ['the allowed host as userinfo of the trap', () => `http://${new URL(allowed.baseUrl).host}@${new URL(trap.baseUrl).host}/fhir`],
    ['a backslash before the allowed host', () => `http://${new URL(trap.baseUrl).host}\\@${new URL(allowed.baseUrl).host}/fhir`],
  ])('400 for %s (not a usable base URL), nothing sent anywhere', async (_name, url) => {
    const res = await post(hookRequest(url()));
    expect(res.status).toBe(400);
    expect(res.body.issue[0].expression).toEqual(['fhirServer']);
    expect(allowed.requests).toHaveLength(0);
  });

  it('accepts a request with every key prefetched whatever its fhirServer: nothing needs fetching, nothing is sent', async () => {
    const res = await post(hookRequest(trap.baseUrl, { prefetch: { patient, conditions } }));
    expect(res.status).toBe(200);
    expect(service.received[0].prefetch).toEqual({ patient, conditions });
    expect(service.received[0].fhirAuthorization).toBeUndefined();
  });

  it('412 for a paginated prefetch Bundle whose fhirServer is not on the list (completing it would fetch)', async () => {
    const page1 = {
      ...conditions,
      total: 2,
      entry: [{ resource: { resourceType: 'Condition', id: 'c1' } }],
      link: [{ relation: 'next', url: `${trap.baseUrl}/Condition?page=2` }],
    };
    const res = await post(hookRequest(trap.baseUrl, { prefetch: { patient, conditions: page1 } }));
    expect(res.status).toBe(412);
  });

  it('412 when an allowed server pages to the trap, which gets nothing', async () => {
    allowed.handler = (req) =>
      req.path.startsWith('Patient/')
        ? { body: patient }
        : {
            body: {
              ...conditions,
              entry: [{ resource: { resourceType: 'Condition', id: 'c1' } }],
              link: [{ relation: 'next', url: `${trap.baseUrl}/Condition?page=2` }],
            },
          };
    const res = await post(hookRequest(allowed.baseUrl));
    expect(res.status).toBe(412);
    expect(res.body.issue[0].details.text).toContain("'conditions'");
  });

  it('412 when an allowed server redirects to the trap, which gets nothing', async () => {
    allowed.handler = () => ({ status: 307, headers: { location: `${trap.baseUrl}/Patient/${PATIENT_ID}` }, body: '' });
    const res = await post(hookRequest(allowed.baseUrl, { prefetch: { conditions } }));
    expect(res.status).toBe(412);
    expect(res.body.issue[0].details.text).toContain('307');
  });
});

describe('an empty fhirServerAllowlist', () => {
  it('fetches from no server: 412 whenever a key is missing, 200 when all are sent', async () => {
    const strict = await createCdsHooksTestApp({ services: [service], fhirServerAllowlist: [] });
    try {
      const missing = await request(strict.server)
        .post('/cds-services/recording-service')
        .set('Content-Type', 'application/json')
        .send(hookRequest(allowed.baseUrl));
      expect(missing.status).toBe(412);
      const complete = await request(strict.server)
        .post('/cds-services/recording-service')
        .set('Content-Type', 'application/json')
        .send(hookRequest(allowed.baseUrl, { prefetch: { patient, conditions } }));
      expect(complete.status).toBe(200);
      expect(allowed.requests).toHaveLength(0);
      expect(strict.logger.text()).not.toContain('No fhirServerAllowlist');
    } finally {
      await strict.close();
    }
  });

  it('without any allowlist the app warns at start-up', async () => {
    const open = await createCdsHooksTestApp({ services: [service] });
    try {
      expect(open.logger.lines.some((l) => l.level === 'warn' && l.text.includes('No fhirServerAllowlist'))).toBe(true);
    } finally {
      await open.close();
    }
  });
});

describe('the access token', () => {
  it('appears in no response and no log line of this file', () => {
    expect(bodies.length).toBeGreaterThan(10);
    expect(bodies.join('\n')).not.toContain(TOKEN);
    expect(testApp.logger.text()).not.toContain(TOKEN);
  });
});
