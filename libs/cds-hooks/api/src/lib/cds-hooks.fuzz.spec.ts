import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import type { CdsHooksTestApp } from '../testing';
import { createCdsHooksTestApp, StubFhirServer } from '../testing';
import type { FuzzTarget } from '../testing/fuzz/answer-properties';
import { checkAnswer } from '../testing/fuzz/answer-properties';
import {
  bodyMangling,
  contentEncoding,
  contentType,
  encode,
  hostileString,
  httpMethod,
  ID_FIELDS,
  jsonMutations,
  mangle,
} from '../testing/fuzz/cds-hooks-fuzz.arbitraries';
import {
  feedbackSeeds,
  FUZZ_SERVICE,
  FUZZ_TOKEN,
  fuzzFhirAnswer,
  FuzzEchoService,
  hookRequestSeeds,
  SPEC_TOKEN,
  TOKEN_SERVICE,
} from '../testing/fuzz/fuzz-fixtures';
import { mutateJson } from '../testing/fuzz/json-mutation';
import type { RawAnswer } from '../testing/fuzz/raw-http-client';
import { RawHttpClient } from '../testing/fuzz/raw-http-client';

// Property-based fuzzing of the whole HTTP stack (helmet, CORS, body parser, guards, validation, prefetch
// resolution against a stub FHIR server, a fake service, normalisation, the exception filter) with 10,000
// generated and mutated requests over one keep-alive connection on 127.0.0.1. A failure prints fast-check's
// seed and the shrunk counterexample; FUZZ_SEED=<seed> replays a run.

const RUNS = { hookRequests: 3_500, feedback: 2_000, randomJson: 1_000, idFields: 1_500, transport: 2_000 };
const SEED = process.env['FUZZ_SEED'] === undefined ? undefined : Number(process.env['FUZZ_SEED']);
const BOUND = 240_000; // per property: generous for a loaded 2-core machine, still a bound
const SECRETS = [FUZZ_TOKEN, SPEC_TOKEN];

let allowed: StubFhirServer;
let trap: StubFhirServer;
let testApp: CdsHooksTestApp;
let client: RawHttpClient;
const statuses = new Map<number, number>();

const hookSeeds = hookRequestSeeds();
const feedbackDocs = feedbackSeeds();

async function post(
  target: FuzzTarget,
  path: string,
  body: Buffer,
  headers: Record<string, string> = { 'content-type': 'application/json' },
  method = 'POST',
): Promise<RawAnswer> {
  const answer = await client.send({ method, path, headers: { ...headers, 'content-length': String(body.length) }, body });
  statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
  checkAnswer(target, answer, SECRETS);
  return answer;
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value) ?? '', 'utf8');
}

/** Points a seed at the allowed stub, the trap (not allowed), its own server (not allowed), or none. */
function withFhirServer(seed: Record<string, unknown>, choice: 'allowed' | 'trap' | 'own' | 'none'): Record<string, unknown> {
  switch (choice) {
    case 'allowed':
      return { ...seed, fhirServer: allowed.baseUrl };
    case 'trap':
      return { ...seed, fhirServer: trap.baseUrl };
    case 'own':
      return seed;
    case 'none': {
      const rest = { ...seed };
      delete rest['fhirServer'];
      delete rest['fhirAuthorization'];
      return rest;
    }
  }
}

/** A copy of `doc` with `value` at `keys`, creating what is missing on the way (an array before a numeric key). */
function setAt(doc: Record<string, unknown>, keys: readonly string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(doc);
  let holder = copy as Record<string, unknown>;
  keys.forEach((key, i) => {
    if (i === keys.length - 1) {
      holder[key] = value;
      return;
    }
    if (typeof holder[key] !== 'object' || holder[key] === null) {
      holder[key] = /^\d+$/.test(keys[i + 1]) ? [] : {};
    }
    holder = holder[key] as Record<string, unknown>;
  });
  return copy;
}

const fhirServerChoice = fc.constantFrom('allowed', 'allowed', 'trap', 'own', 'none') as fc.Arbitrary<'allowed' | 'trap' | 'own' | 'none'>;
const servicePath = fc.oneof(
  { weight: 8, arbitrary: fc.constant('/cds-services/fuzz-service') },
  { weight: 3, arbitrary: fc.constant('/cds-services/fuzz-tokens') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '/cds-services/unknown',
      '/cds-services/fuzz-service?x=1',
      '/cds-services/FUZZ-SERVICE',
      '/cds-services/fuzz-service/',
    ),
  },
);
const feedbackPath = fc.oneof(
  { weight: 10, arbitrary: fc.constant('/cds-services/fuzz-service/feedback') },
  { weight: 1, arbitrary: fc.constantFrom('/cds-services/unknown/feedback', '/cds-services/fuzz-service/feedback/x') },
);
const options = (numRuns: number): fc.Parameters<unknown> => ({ numRuns, ...(SEED === undefined ? {} : { seed: SEED }) });
const targetOf = (path: string): FuzzTarget =>
  path.endsWith('/feedback') ? 'feedback' : path.startsWith('/cds-services/fuzz-') ? 'service' : 'other';

beforeAll(async () => {
  allowed = await StubFhirServer.start();
  trap = await StubFhirServer.start();
  allowed.handler = fuzzFhirAnswer;
  trap.handler = fuzzFhirAnswer;
  testApp = await createCdsHooksTestApp({
    services: [new FuzzEchoService(FUZZ_SERVICE), new FuzzEchoService(TOKEN_SERVICE)],
    prefetchTimeoutMs: 2_000,
    hookDeadlineMs: 5_000,
    fhirServerAllowlist: [allowed.baseUrl],
    rateLimit: false,
  });
  await testApp.app.listen(0, '127.0.0.1');
  client = new RawHttpClient((testApp.server.address() as AddressInfo).port);
});

afterAll(async () => {
  client?.close();
  await testApp?.close();
  await allowed?.close();
  await trap?.close();
});

describe('fuzzing the CDS Hooks endpoints', () => {
  it(
    `mutated hook requests (${RUNS.hookRequests} runs): no 5xx, 4xx are OperationOutcomes, 200s are valid responses`,
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.nat(),
          fhirServerChoice,
          fc.option(jsonMutations(), { freq: 5 }),
          servicePath,
          async (seed, server, mutations, path) => {
            const doc = withFhirServer(hookSeeds[seed % hookSeeds.length], server);
            await post(targetOf(path), path, json(mutations ? mutateJson(doc, mutations) : doc));
          },
        ),
        options(RUNS.hookRequests),
      );
    },
    BOUND,
  );

  it(
    `mutated feedback (${RUNS.feedback} runs)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.nat(), fc.option(jsonMutations(), { freq: 5 }), feedbackPath, async (seed, mutations, path) => {
          const doc = feedbackDocs[seed % feedbackDocs.length];
          await post(targetOf(path), path, json(mutations ? mutateJson(doc, mutations) : doc));
        }),
        options(RUNS.feedback),
      );
    },
    BOUND,
  );

  it(
    `hostile strings (lone surrogates, any code point, URL characters) in ids and hookInstance (${RUNS.idFields} runs): a lone surrogate is a 400`,
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.nat(),
          fhirServerChoice,
          fc.constantFrom(...ID_FIELDS),
          hostileString(),
          fc.boolean(),
          async (seed, server, field, value, viaGzip) => {
            const doc = setAt(withFhirServer(hookSeeds[seed % hookSeeds.length], server), field, value);
            const body = json(doc);
            const answer = viaGzip
              ? await post('service', '/cds-services/fuzz-service', encode(body, 'gzip').body, {
                  'content-type': 'application/json',
                  'content-encoding': 'gzip',
                })
              : await post('service', '/cds-services/fuzz-service', body);
            if (/\p{Cs}/u.test(value) && answer.status !== 400) {
              throw new Error(`a lone surrogate in ${field.join('.')} answered ${answer.status}, not 400`);
            }
          },
        ),
        options(RUNS.idFields),
      );
    },
    BOUND,
  );

  it(
    `random JSON documents (${RUNS.randomJson} runs) to services and feedback`,
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue({ maxDepth: 8 }), fc.oneof(servicePath, feedbackPath), async (value, path) => {
          await post(targetOf(path), path, json(value));
        }),
        options(RUNS.randomJson),
      );
    },
    BOUND,
  );

  it(
    `mangled transports (${RUNS.transport} runs): truncated and garbled bytes, wrong content types and encodings, methods, aborted uploads`,
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.nat(),
          fc.boolean(),
          bodyMangling(),
          contentType(),
          contentEncoding(),
          httpMethod(),
          fc.oneof(servicePath, feedbackPath),
          fc.nat({ max: 99 }),
          async (seed, feedback, mangling, type, encoding, method, path, abortRoll) => {
            const doc = feedback ? feedbackDocs[seed % feedbackDocs.length] : withFhirServer(hookSeeds[seed % hookSeeds.length], 'allowed');
            const sent = encode(mangle(json(doc), mangling), encoding);
            const headers: Record<string, string> = {
              ...(type === undefined ? {} : { 'content-type': type }),
              ...(sent.header === undefined ? {} : { 'content-encoding': sent.header }),
            };
            if (abortRoll < 2 && sent.body.length > 0) {
              // A client dying mid-upload gets no answer; the next run (same server) shows the server survived.
              await client.sendAndAbort(
                { method: 'POST', path, headers, body: sent.body.subarray(0, Math.ceil(sent.body.length / 2)) },
                sent.body.length + 10,
              );
              return;
            }
            const answer = await post(targetOf(path), path, sent.body, headers, method);
            if (mangling.kind === 'invalid-utf8' && answer.status === 200) {
              throw new Error('a body that is not valid UTF-8 was accepted (200)');
            }
          },
        ),
        options(RUNS.transport),
      );
    },
    BOUND,
  );

  it('afterwards: the process serves, nothing reached the trap, the allowed server was used, no 500 was logged, no prototype is polluted', async () => {
    const discovery = await client.send({ method: 'GET', path: '/cds-services', headers: {} });
    expect(discovery.status).toBe(200);
    expect(trap.requests).toEqual([]);
    expect(allowed.requests.length).toBeGreaterThan(100);
    expect(testApp.logger.lines.filter((l) => l.level === 'error').map((l) => l.text)).toEqual([]);
    expect(testApp.logger.text()).not.toContain(FUZZ_TOKEN);
    expect(testApp.logger.text()).not.toContain(SPEC_TOKEN);
    expect(Object.prototype).not.toHaveProperty('polluted');
    const total = [...statuses.values()].reduce((sum, n) => sum + n, 0);
    // Every kind of outcome was exercised, not only the easy 400s.
    for (const status of [200, 400, 404, 412, 415]) {
      expect(statuses.get(status) ?? 0).toBeGreaterThan(0);
    }
    process.stdout.write(
      `fuzz: ${total} answers by status ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}; ${allowed.requests.length} FHIR fetches\n`,
    );
  });
});
