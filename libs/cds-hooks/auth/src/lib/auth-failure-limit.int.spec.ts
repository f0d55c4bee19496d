import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuthTestApp } from '../testing/create-auth-test-app';
import { createAuthTestApp } from '../testing/create-auth-test-app';
import { TestCdsClient } from '../testing';

// Failed authentications are limited per client address. The attacker (127.0.0.1) sends 2,000 forged tokens
// claiming the trusted EHR's own iss; the EHR calls from another address (127.0.0.2, also loopback) and must
// keep being served. Over real sockets: the address is what the server sees, not a header.

const BASE = 'https://cds.example.org';
const LIMIT = 30;
const FORGED = 2_000;

let ehr: TestCdsClient;
let attacker: TestCdsClient;
let testApp: AuthTestApp;
let port: number;
const agents: Agent[] = [];

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { resourceType?: string; issue?: Array<{ code: string }> };
}

function agentFrom(localAddress: string): Agent {
  const agent = new Agent({ keepAlive: true, maxSockets: 1, localAddress });
  agents.push(agent);
  return agent;
}

function get(agent: Agent, authorization: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/cds-services', agent, headers: { authorization } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

function post(agent: Agent, path: string, authorization: string): Promise<Answer> {
  const body = JSON.stringify({ hook: 'patient-view', hookInstance: 'h-1', context: { patientId: 'p-1' } });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: { authorization, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  ehr = await TestCdsClient.create({ iss: 'https://ehr.example' });
  // Same iss and kid as the EHR, its own key: a forgery that gets as far as the signature check.
  attacker = await TestCdsClient.create({ iss: ehr.iss, kid: ehr.kid });
  testApp = await createAuthTestApp({
    mode: 'on',
    publicBaseUrl: BASE,
    authFailuresPerMinute: LIMIT,
    trustedClients: { clients: [ehr.trustedClient()] },
  });
  await testApp.app.listen(0, '127.0.0.1');
  port = (testApp.server.address() as AddressInfo).port;
});

afterAll(async () => {
  agents.forEach((agent) => agent.destroy());
  await testApp?.close();
});

describe('failed authentications are rate-limited per client address', () => {
  it(`answers 429 with Retry-After to ${FORGED} forged tokens after ${LIMIT} failures, while the EHR at another address is served`, async () => {
    const fromAttacker = agentFrom('127.0.0.1');
    const fromEhr = agentFrom('127.0.0.2');
    const ownUrl = `${BASE}/cds-services`;

    // Successful calls from the attacker's address before the flood are not counted against it.
    for (let i = 0; i < LIMIT + 5; i++) {
      expect((await get(fromAttacker, await ehr.authorization(ownUrl))).status).toBe(200);
    }

    const statuses = new Map<number, number>();
    let firstThrottled = -1;
    let throttled: Answer | undefined;
    for (let i = 0; i < FORGED; i++) {
      const answer = await get(fromAttacker, await attacker.authorization(ownUrl));
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      if (answer.status === 429 && firstThrottled < 0) {
        firstThrottled = i;
        throttled = answer;
      }
      if (i % 250 === 0) {
        // Meanwhile the EHR, claiming the same iss from another address, is served.
        expect((await get(fromEhr, await ehr.authorization(ownUrl))).status).toBe(200);
      }
    }
    expect(statuses.get(401)).toBe(LIMIT);
    expect(statuses.get(429)).toBe(FORGED - LIMIT);
    expect(firstThrottled).toBe(LIMIT);
    expect(throttled?.body.resourceType).toBe('OperationOutcome');
    expect(throttled?.body.issue?.[0].code).toBe('throttled');
    const retryAfter = Number(throttled?.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(testApp.service.handled).toHaveLength(0);

    // The attacker's address is refused even with a valid token until it slows down; the EHR's is not.
    expect((await get(fromAttacker, await ehr.authorization(ownUrl))).status).toBe(429);
    // The hook route (served outside Nest's router) answers the same 429.
    const hookCall = await post(fromAttacker, '/cds-services/echo-service', await ehr.authorization(`${BASE}/cds-services/echo-service`));
    expect(hookCall.status).toBe(429);
    expect(Number(hookCall.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(hookCall.body.resourceType).toBe('OperationOutcome');
    expect((await get(fromEhr, await ehr.authorization(ownUrl))).status).toBe(200);
    // One line says the address went over its budget; the 429s themselves are not logged one by one.
    expect(testApp.logger.lines.filter((l) => l.text.includes('failed authentication 30 times within a minute'))).toHaveLength(1);
  }, 120_000);
});

describe('without a trusted reverse proxy', () => {
  // Security probe: with TRUST_PROXY unset a forger's X-Forwarded-For is only a header — rotating it
  // does not reset the count, and naming the EHR's address in it does not lock the EHR out.
  it('counts the socket address whatever X-Forwarded-For says', async () => {
    const direct = await createAuthTestApp({
      mode: 'on',
      publicBaseUrl: BASE,
      authFailuresPerMinute: 3,
      trustedClients: { clients: [ehr.trustedClient()] },
    });
    try {
      await direct.app.listen(0, '127.0.0.1');
      const directPort = (direct.server.address() as AddressInfo).port;
      const call = (localAddress: string, forwardedFor: string, authorization: string): Promise<number> =>
        new Promise((resolve, reject) => {
          request(
            {
              host: '127.0.0.1',
              port: directPort,
              localAddress,
              path: '/cds-services',
              agent: false,
              headers: { authorization, 'x-forwarded-for': forwardedFor },
            },
            (res) => {
              res.resume();
              res.on('end', () => resolve(res.statusCode ?? 0));
            },
          )
            .on('error', reject)
            .end();
        });
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push(await call('127.0.0.3', `10.0.${i}.1, 127.0.0.4`, await attacker.authorization(`${BASE}/cds-services`)));
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      expect(await call('127.0.0.4', '127.0.0.4', await ehr.authorization(`${BASE}/cds-services`))).toBe(200);
    } finally {
      await direct.close();
    }
  });
});

describe('behind a trusted reverse proxy', () => {
  it('counts the client X-Forwarded-For names (trust proxy), so one forger does not lock out every client of the proxy', async () => {
    const proxied = await createAuthTestApp({
      mode: 'on',
      publicBaseUrl: BASE,
      authFailuresPerMinute: 3,
      trustedClients: { clients: [ehr.trustedClient()] },
    });
    try {
      proxied.app.getHttpAdapter().getInstance().set('trust proxy', 'loopback');
      await proxied.app.listen(0, '127.0.0.1');
      const proxiedPort = (proxied.server.address() as AddressInfo).port;
      const call = (client: string, authorization: string): Promise<number> =>
        new Promise((resolve, reject) => {
          request(
            {
              host: '127.0.0.1',
              port: proxiedPort,
              path: '/cds-services',
              agent: false,
              headers: { authorization, 'x-forwarded-for': client },
            },
            (res) => {
              res.resume();
              res.on('end', () => resolve(res.statusCode ?? 0));
            },
          )
            .on('error', reject)
            .end();
        });
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push(await call('203.0.113.7', await attacker.authorization(`${BASE}/cds-services`)));
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      expect(await call('198.51.100.20', await ehr.authorization(`${BASE}/cds-services`))).toBe(200);
    } finally {
      await proxied.close();
    }
  });
});
