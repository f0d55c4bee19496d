import type { ServerResponse } from 'node:http';
import request from 'supertest';
import type { Response } from 'supertest';
import type { CdsHooksTestApp, StubFhirReply } from '../testing';
import { createCdsHooksTestApp, HOOK_ENDPOINT_WAYS, RecordingCdsService, StubFhirServer, unreachableFhirBaseUrl } from '../testing';

// Every way a FHIR server can fail a prefetch fetch ends as a 412 OperationOutcome naming the key — never a
// 500, never a hang (each test is bounded by its jest timeout, far above the deadlines), never the token.

const TOKEN = 'failure-token-77aa01c3';
const BOUND = 10_000;
const patient = { resourceType: 'Patient', id: 'p1' };
const outcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception' }] };

const service = new RecordingCdsService();
let stub: StubFhirServer;
let testApp: CdsHooksTestApp;
let unreachable: string;
const bodies: string[] = [];

async function post(fhirServer: string): Promise<Response> {
  const res = await request(testApp.server)
    .post('/cds-services/recording-service')
    .set('Content-Type', 'application/json')
    .send({
      hook: 'patient-view',
      hookInstance: 'failures',
      fhirServer,
      fhirAuthorization: { access_token: TOKEN, token_type: 'Bearer', expires_in: 300, scope: 'user/*.read', subject: 'cds' },
      context: { patientId: 'p1' },
      prefetch: { patient },
    });
  bodies.push(res.text);
  return res;
}

const raw =
  (write: (res: ServerResponse) => void): (() => StubFhirReply) =>
  () => ({ raw: write });

// Both ways the hook endpoint is served, held to the same answers.
describe.each(HOOK_ENDPOINT_WAYS)('%s', (_way, http) => {
  beforeAll(async () => {
    stub = await StubFhirServer.start();
    unreachable = await unreachableFhirBaseUrl();
    testApp = await createCdsHooksTestApp(
      {
        services: [service],
        prefetchTimeoutMs: 400,
        hookDeadlineMs: 2000,
        fhirServerAllowlist: [stub.baseUrl, unreachable],
        rateLimit: false,
      },
      { http },
    );
  });

  afterAll(async () => {
    await testApp?.close();
    await stub?.close();
  });

  beforeEach(() => {
    stub.reset();
    service.received.length = 0;
  });

  describe('the FHIR server fails the fetch of `conditions` → 412 OperationOutcome', () => {
    it.each<[string, () => StubFhirReply, RegExp]>([
      ['401', () => ({ status: 401, body: outcome }), /HTTP 401/],
      ['403', () => ({ status: 403, body: outcome }), /HTTP 403/],
      ['404 on a search', () => ({ status: 404, body: outcome }), /HTTP 404/],
      ['429', () => ({ status: 429, body: outcome }), /HTTP 429/],
      ['500 with HTML', () => ({ status: 500, body: '<html>oops</html>', contentType: 'text/html' }), /HTTP 500/],
      ['502', () => ({ status: 502, body: '' }), /HTTP 502/],
      ['504', () => ({ status: 504, body: outcome }), /HTTP 504/],
      ['a redirect', () => ({ status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data' }, body: '' }), /HTTP 302/],
      ['200 with HTML', () => ({ status: 200, body: '<html>login</html>', contentType: 'text/html' }), /not FHIR/],
      ['200 with JSON that is not FHIR', () => ({ status: 200, body: { hello: 'world' } }), /not FHIR/],
      ['200 with JSON null', () => ({ status: 200, body: 'null' }), /not FHIR/],
      ['200 with a JSON number', () => ({ status: 200, body: '42' }), /not FHIR/],
      ['200 with an empty body', () => ({ status: 200, body: '' }), /not FHIR/],
      ['200 with truncated JSON', () => ({ status: 200, body: '{"resourceType":"Bundle","entry":[' }), /not FHIR/],
      ['200 with an OperationOutcome', () => ({ status: 200, body: outcome }), /OperationOutcome/],
      [
        'a cut connection mid-body',
        raw((res) => {
          res.writeHead(200, { 'content-type': 'application/fhir+json', 'content-length': '500' });
          res.write('{"resourceType":"Bundle",');
          setImmediate(() => res.socket?.destroy());
        }),
        /unreachable/,
      ],
      ['a cut connection before any answer', raw((res) => res.socket?.destroy()), /unreachable/],
      [
        'headers, then silence',
        raw((res) => {
          res.writeHead(200, { 'content-type': 'application/fhir+json' });
          res.write('{"resourceType":"Bundle",');
        }),
        /deadline/,
      ],
      ['no answer at all', () => new Promise<never>(() => undefined) as never, /deadline/],
    ])(
      '%s',
      async (_name, reply, reason) => {
        stub.handler = reply;
        const res = await post(stub.baseUrl);
        expect(res.status).toBe(412);
        expect(res.body.resourceType).toBe('OperationOutcome');
        expect(res.body.issue[0].details.text).toContain("'conditions'");
        expect(res.body.issue[0].details.text).toMatch(reason);
        expect(service.received).toHaveLength(0);
      },
      BOUND,
    );

    it(
      'a refused connection',
      async () => {
        const res = await post(unreachable);
        expect(res.status).toBe(412);
        expect(res.body.issue[0].details.text).toMatch(/unreachable/);
      },
      BOUND,
    );

    it(
      'a second search page that fails',
      async () => {
        stub.handler = (req) =>
          req.path.includes('page=2')
            ? { status: 500, body: outcome }
            : {
                body: {
                  resourceType: 'Bundle',
                  type: 'searchset',
                  link: [{ relation: 'next', url: `${stub.baseUrl}/Condition?patient=p1&page=2` }],
                  entry: [],
                },
              };
        const res = await post(stub.baseUrl);
        expect(res.status).toBe(412);
        expect(res.body.issue[0].details.text).toMatch(/HTTP 500/);
      },
      BOUND,
    );
  });

  describe('answers that are data, not failures', () => {
    it.each([404, 410])('a read answered %i is null (no data), 200', async (status) => {
      stub.handler = (req) =>
        req.path.startsWith('Patient/') ? { status, body: outcome } : { body: { resourceType: 'Bundle', type: 'searchset' } };
      const res = await request(testApp.server)
        .post('/cds-services/recording-service')
        .set('Content-Type', 'application/json')
        .send({ hook: 'patient-view', hookInstance: 'x', fhirServer: stub.baseUrl, context: { patientId: 'p1' } });
      expect(res.status).toBe(200);
      expect(service.received[0].prefetch['patient']).toBeNull();
    });
  });

  describe('secrets', () => {
    it('no response and no log line of this file carries the token', () => {
      expect(bodies.length).toBeGreaterThan(15);
      expect(bodies.join('\n')).not.toContain(TOKEN);
      expect(testApp.logger.text()).not.toContain(TOKEN);
      expect(testApp.logger.lines.filter((l) => l.level === 'error')).toEqual([]); // no 500 was logged
    });
  });
});
