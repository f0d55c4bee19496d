import type { Bundle } from 'fhir/r4';
import { closedPort, failure, json, searchPage, StubServer } from '../testing/stub-http-server';
import type { FhirRequestError } from './fhir-request-error';
import { FhirRestClient } from './fhir-rest-client';

const TOKEN = 'secret-token-5f1c9a';

describe('FhirRestClient', () => {
  const stub = new StubServer();
  const other = new StubServer();
  let client: FhirRestClient;

  beforeAll(async () => {
    await stub.start();
    await other.start();
  });
  afterAll(async () => {
    await stub.stop();
    await other.stop();
  });
  beforeEach(() => {
    stub.requests.length = 0;
    other.requests.length = 0;
    client = new FhirRestClient({ baseUrl: `${stub.base}/fhir`, accessToken: TOKEN, timeoutMs: 2000 });
  });

  describe('reads', () => {
    it('GETs a relative URL below the base URL with Accept application/fhir+json and the bearer token', async () => {
      stub.handler = (_req, res) => json(res, 200, { resourceType: 'Patient', id: '123' });
      await expect(client.get('Patient/123')).resolves.toEqual({ resourceType: 'Patient', id: '123' });
      expect(stub.requests).toEqual([
        { method: 'GET', url: '/fhir/Patient/123', authorization: `Bearer ${TOKEN}`, accept: 'application/fhir+json' },
      ]);
    });

    it('sends no Authorization header without a token', async () => {
      stub.handler = (_req, res) => json(res, 200, { resourceType: 'Patient', id: '1' });
      await new FhirRestClient({ baseUrl: `${stub.base}/fhir/` }).get('/Patient/1');
      expect(stub.requests).toHaveLength(1);
      expect(stub.requests[0].url).toBe('/fhir/Patient/1');
      expect(stub.requests[0].authorization).toBeUndefined();
    });

    it.each([404, 410])('answers null (no data) for a read answered %i', async (status) => {
      stub.handler = (_req, res) => json(res, status, { resourceType: 'OperationOutcome', issue: [] });
      await expect(client.get('Patient/404')).resolves.toBeNull();
    });

    it('treats a 404 on a search as an http error, not as no data', async () => {
      stub.handler = (_req, res) => json(res, 404, { resourceType: 'OperationOutcome', issue: [] });
      const error = await failure(client.get('Unknown?patient=1'));
      expect(error.kind).toBe('http');
      expect(error.status).toBe(404);
    });
  });

  describe('searches', () => {
    it('follows next links and returns one searchset Bundle with every entry', async () => {
      stub.handler = (req, res) => {
        const page = Number(new URL(req.url ?? '', stub.base).searchParams.get('_page') ?? '1');
        json(res, 200, searchPage(stub.base, page, 3));
      };
      const bundle = (await client.get('Condition?patient=1')) as unknown as Bundle;
      expect(bundle.type).toBe('searchset');
      expect(bundle.entry?.map((e) => e.resource?.id)).toEqual(['c1', 'c2', 'c3']);
      expect(bundle.link?.some((l) => l.relation === 'next')).toBe(false);
      expect(stub.requests.map((r) => r.url)).toEqual([
        '/fhir/Condition?patient=1',
        '/fhir/Condition?patient=1&_page=2',
        '/fhir/Condition?patient=1&_page=3',
      ]);
      expect(stub.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
    });

    it('fails as incomplete instead of truncating when the page limit is reached', async () => {
      stub.handler = (req, res) => {
        const page = Number(new URL(req.url ?? '', stub.base).searchParams.get('_page') ?? '1');
        json(res, 200, searchPage(stub.base, page, 10));
      };
      const limited = new FhirRestClient({ baseUrl: `${stub.base}/fhir`, maxPages: 3 });
      expect((await failure(limited.get('Condition?patient=1'))).kind).toBe('incomplete');
      expect(stub.requests).toHaveLength(3);
    });

    it('never follows a next link to another server (the token would go with it)', async () => {
      stub.handler = (_req, res) =>
        json(res, 200, { ...searchPage(stub.base, 1, 1), link: [{ relation: 'next', url: `${other.base}/fhir/x` }] });
      expect((await failure(client.get('Condition?patient=1'))).kind).toBe('incomplete');
      expect(other.requests).toHaveLength(0);
    });

    it('completes a paginated Bundle obtained elsewhere', async () => {
      stub.handler = (req, res) => {
        const page = Number(new URL(req.url ?? '', stub.base).searchParams.get('_page') ?? '1');
        json(res, 200, searchPage(stub.base, page, 2));
      };
      const complete = await client.completeSearchBundle(searchPage(stub.base, 1, 2));
      expect(complete.entry?.map((e) => e.resource?.id)).toEqual(['c1', 'c2']);
      expect(stub.requests.map((r) => r.url)).toEqual(['/fhir/Condition?patient=1&_page=2']);
    });

    it('returns a Bundle without a next link unchanged and fetches nothing', async () => {
      const single = searchPage(stub.base, 1, 1);
      await expect(client.completeSearchBundle(single)).resolves.toBe(single);
      expect(stub.requests).toHaveLength(0);
    });
  });

  describe('failures', () => {
    it.each([401, 403, 500, 503])('HTTP %i → kind http with the status and the server OperationOutcome', async (status) => {
      const outcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'security' }] };
      stub.handler = (_req, res) => json(res, status, outcome);
      const error = await failure(client.get('Patient/1'));
      expect(error.kind).toBe('http');
      expect(error.status).toBe(status);
      expect(error.outcome).toEqual(outcome);
    });

    it('an HTML answer with status 200 → not-fhir', async () => {
      stub.handler = (_req, res) => json(res, 200, '<html>login</html>', 'text/html');
      const error = await failure(client.get('Patient/1'));
      expect(error.kind).toBe('not-fhir');
      expect(error.status).toBe(200);
    });

    it('JSON that is not a resource → not-fhir', async () => {
      stub.handler = (_req, res) => json(res, 200, { hello: 'world' }, 'application/json');
      expect((await failure(client.get('Patient/1'))).kind).toBe('not-fhir');
    });

    it('a closed port → unreachable', async () => {
      const port = await closedPort();
      const closed = new FhirRestClient({ baseUrl: `http://127.0.0.1:${port}/fhir`, accessToken: TOKEN });
      const error = await failure(closed.get('Patient/1'));
      expect(error.kind).toBe('unreachable');
      expect(error.message).toContain('ECONNREFUSED');
    });

    it('a server slower than the deadline → timeout, and the request is aborted', async () => {
      let aborted!: () => void;
      const closed = new Promise<void>((resolve) => (aborted = resolve));
      stub.handler = (req) => req.on('close', aborted); // never answers
      const slow = new FhirRestClient({ baseUrl: `${stub.base}/fhir`, timeoutMs: 200 });
      expect((await failure(slow.get('Patient/1'))).kind).toBe('timeout');
      await closed; // the connection was closed by the client, not left hanging
    });

    it("honours the caller's AbortSignal", async () => {
      stub.handler = () => undefined; // never answers
      const controller = new AbortController();
      const pending = new FhirRestClient({ baseUrl: `${stub.base}/fhir`, signal: controller.signal }).get('Patient/1');
      setTimeout(() => controller.abort(), 50);
      expect((await failure(pending)).kind).toBe('timeout');
    });

    it('fails at once with an already aborted signal, sending nothing', async () => {
      const signal = AbortSignal.abort();
      expect((await failure(new FhirRestClient({ baseUrl: stub.base, signal }).get('Patient/1'))).kind).toBe('timeout');
      expect(stub.requests).toHaveLength(0);
    });

    it.each(['http://evil.example/Patient/1', '//evil.example/Patient/1', 'Patient/../../admin', '', 'Patient/%2e%2e/x'])(
      'refuses %j without sending a request',
      async (url) => {
        await expect(client.get(url)).rejects.toThrow(TypeError);
        expect(stub.requests).toHaveLength(0);
      },
    );

    it.each(['not a url', 'ftp://example.org/fhir'])('refuses base URL %j', (baseUrl) => {
      expect(() => new FhirRestClient({ baseUrl })).toThrow(TypeError);
    });
  });

  describe('the access token', () => {
    it('appears in no error message, serialisation or stack', async () => {
      const errors: FhirRequestError[] = [];
      stub.handler = (_req, res) => json(res, 401, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login' }] });
      errors.push(await failure(client.get('Patient/1')));
      stub.handler = (_req, res) => json(res, 200, `<html>${TOKEN}</html>`, 'text/html');
      errors.push(await failure(client.get('Patient/1')));
      errors.push(
        await failure(new FhirRestClient({ baseUrl: `http://127.0.0.1:${await closedPort()}`, accessToken: TOKEN }).get('Patient/1')),
      );
      for (const error of errors) {
        const text = [error.message, error.stack, JSON.stringify(error), String(error)].join('\n');
        expect(text).not.toContain(TOKEN);
      }
    });

    it("is not written to fhir-kit-client's debug log even when that log is switched on", async () => {
      const written: string[] = [];
      const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
        written.push(String(chunk));
        return true;
      });
      const previous = process.env['DEBUG'];
      try {
        process.env['DEBUG'] = 'fhir-kit-client:*';
        jest.resetModules(); // debug reads DEBUG when first loaded
        const fresh = await import('./fhir-rest-client');
        stub.handler = (_req, res) => json(res, 500, { resourceType: 'OperationOutcome', issue: [] });
        await new fresh.FhirRestClient({ baseUrl: stub.base, accessToken: TOKEN }).get('Patient/1').catch(() => undefined);
        stub.handler = (_req, res) => json(res, 200, { resourceType: 'Patient', id: '1' });
        await new fresh.FhirRestClient({ baseUrl: stub.base, accessToken: TOKEN }).get('Patient/1');
      } finally {
        process.env['DEBUG'] = previous;
        spy.mockRestore();
      }
      expect(written.join('')).toContain('fhir-kit-client'); // the log really was on
      expect(written.join('')).not.toContain(TOKEN);
    });
  });
});
