import type { FhirRequestError } from './fhir-request-error';
import { FhirRestClient } from './fhir-rest-client';
import { failure, json, searchPage, StubServer } from '../testing/stub-http-server';

// What a broken, misconfigured or hostile FHIR server can answer: each must end as a typed FhirRequestError
// (the CDS Hooks layer turns those into 412s), the token must stay with the server it was given for, and no
// answer may leave a call hanging past its deadline.

const TOKEN = 'secret-token-hostile-8e41';

describe('FhirRestClient against a hostile or broken server', () => {
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

  describe('redirects are not followed (the request would go to a server nobody checked)', () => {
    it.each([301, 302, 303, 307, 308])('a read answered %i → http error with that status; the target gets nothing', async (status) => {
      stub.handler = (_req, res) => {
        res.writeHead(status, { location: `${other.base}/fhir/Patient/1` });
        res.end();
      };
      const error = await failure(client.get('Patient/1'));
      expect([error.kind, error.status]).toEqual(['http', status]);
      expect(other.requests).toHaveLength(0);
    });

    it('a page request answered 302 → http error; the target gets nothing', async () => {
      stub.handler = (req, res) => {
        if ((req.url ?? '').includes('_page=2')) {
          res.writeHead(302, { location: `${other.base}/fhir/Condition?page=2` });
          res.end('<html>moved</html>');
          return;
        }
        json(res, 200, searchPage(stub.base, 1, 2));
      };
      expect((await failure(client.get('Condition?patient=1'))).status).toBe(302);
      expect(other.requests).toHaveLength(0);
    });
  });

  describe('bodies that are not a FHIR resource → not-fhir', () => {
    it.each([
      ['JSON null', 'null'],
      ['a JSON number', '42'],
      ['a JSON string', '"Patient"'],
      ['JSON true', 'true'],
      ['a JSON array', '[{"resourceType":"Patient"}]'],
      ['an empty body', ''],
      ['truncated JSON', '{"resourceType":"Patient","id":'],
      ['JSON without resourceType', '{"id":"1"}'],
      ['a non-string resourceType', '{"resourceType":{"x":1}}'],
    ])('%s', async (_name, body) => {
      stub.handler = (_req, res) => json(res, 200, body);
      expect((await failure(client.get('Patient/1'))).kind).toBe('not-fhir');
    });

    // Resources of the wrong type, search pages included: fhir-rest-client.answer-checks.spec.ts.
  });

  describe('connections that break or stall', () => {
    it('headers sent, then the connection is cut → unreachable', async () => {
      stub.handler = (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/fhir+json', 'content-length': '1000' });
        res.write('{"resourceType":"Pat');
        setImmediate(() => res.socket?.destroy());
      };
      expect((await failure(client.get('Patient/1'))).kind).toBe('unreachable');
    });

    it('headers sent, body never finished → timeout at the deadline, connection closed by the client', async () => {
      let closed!: () => void;
      const connectionClosed = new Promise<void>((resolve) => (closed = resolve));
      stub.handler = (req, res) => {
        req.socket.on('close', closed);
        res.writeHead(200, { 'content-type': 'application/fhir+json' });
        res.write('{"resourceType":"Patient",');
      };
      const slow = new FhirRestClient({ baseUrl: `${stub.base}/fhir`, timeoutMs: 200 });
      expect((await failure(slow.get('Patient/1'))).kind).toBe('timeout');
      await connectionClosed;
    });

    it('the second page never answers → timeout for the whole search', async () => {
      stub.handler = (req, res) => {
        if (!(req.url ?? '').includes('_page=2')) {
          json(res, 200, searchPage(stub.base, 1, 2));
        }
      };
      const slow = new FhirRestClient({ baseUrl: `${stub.base}/fhir`, timeoutMs: 300 });
      expect((await failure(slow.get('Condition?patient=1'))).kind).toBe('timeout');
    });
  });

  describe('URLs', () => {
    it('a relative URL beginning with "http" stays below the base URL (fhir-kit-client would take it as absolute)', async () => {
      stub.handler = (_req, res) => json(res, 200, { resourceType: 'Patient', id: 'x' });
      await client.get('httpx/1');
      expect(stub.requests.map((r) => r.url)).toEqual(['/fhir/httpx/1']);
    });

    it.each(['Patient\\..\\..\\admin', 'Patient/.%2e/x', 'Patient/%2E./x'])('refuses %j without sending a request', async (url) => {
      await expect(client.get(url)).rejects.toThrow(TypeError);
      expect(stub.requests).toHaveLength(0);
    });

    it.each(['http://user:pw@example.org/fhir', 'http://example.org/fhir?tenant=a', 'http://example.org/fhir#x'])(
      'refuses base URL %j',
      (baseUrl) => {
        expect(() => new FhirRestClient({ baseUrl })).toThrow(TypeError);
      },
    );

    it('refuses a next link that carries credentials, even to the same server', async () => {
      const withCredentials = `${stub.base.replace('http://', 'http://eve:pw@')}/fhir/Condition?patient=1&_page=2`;
      stub.handler = (_req, res) => json(res, 200, { ...searchPage(stub.base, 1, 2), link: [{ relation: 'next', url: withCredentials }] });
      expect((await failure(client.get('Condition?patient=1'))).kind).toBe('incomplete');
      expect(stub.requests).toHaveLength(1);
    });
  });

  describe('the access token', () => {
    it.each(['has a\nnewline', 'has a space', 'tab\there'])(
      'a token that is not a header-safe string (%j) is refused before anything is sent, unquoted',
      (token) => {
        const attempt = (): FhirRestClient => new FhirRestClient({ baseUrl: stub.base, accessToken: `${TOKEN}${token}` });
        expect(attempt).toThrow(TypeError);
        try {
          attempt();
        } catch (error) {
          expect(String((error as Error).message)).not.toContain(TOKEN);
        }
        expect(stub.requests).toHaveLength(0);
      },
    );

    it('is sent to the base server only, never to the target of a redirect or of a foreign next link', async () => {
      const errors: FhirRequestError[] = [];
      stub.handler = (_req, res) => {
        res.writeHead(307, { location: `${other.base}/fhir/Patient/1` });
        res.end();
      };
      errors.push(await failure(client.get('Patient/1')));
      stub.handler = (_req, res) =>
        json(res, 200, { ...searchPage(stub.base, 1, 2), link: [{ relation: 'next', url: `${other.base}/fhir/x` }] });
      errors.push(await failure(client.get('Condition?patient=1')));
      expect(other.requests).toHaveLength(0);
      expect(stub.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
      for (const error of errors) {
        expect([error.message, error.stack, JSON.stringify(error)].join('\n')).not.toContain(TOKEN);
      }
    });
  });
});
