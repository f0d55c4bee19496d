import type { LoggerService } from '@nestjs/common';
import { TestCdsClient } from '@pcb-cds/cds-hooks-auth/testing';
import type { CdsResponse } from '@pcb-cds/cds-hooks-model';
import type { FhirSandbox } from '@pcb-cds/fhir-sandbox';
import { startFhirSandbox } from '@pcb-cds/fhir-sandbox';
import { DEMO_PATIENTS } from '@pcb-cds/postcoital-bleeding-demo-patients';
import { PCB_SERVICE_ID } from '@pcb-cds/postcoital-bleeding-service';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';
import { cardViewerSetup } from './card-viewer-setup';
import { composeApp } from './compose-app';
import { startupBanner } from './startup-banner';

/**
 * The card viewer in the product with client authentication on and a trusted-clients file, composed from the
 * environment as main.ts composes it, over real HTTP: every probe of an unauthenticated caller using the
 * viewer's signing proxy (to get cards, discovery and feedback, its config, from another origin) is refused.
 */
const TOKEN = 'Xq3vN8pL2mR7tY1wZ5aB9cD4eF6gH0jK';
const PATIENT = 'pcb-demo-pregnant-30w';
const MADE_UP_CARD = '3f1c0d2e-9b7a-4c51-8e0f-1a2b3c4d5e6f';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Every line the app logs, to check the access token never appears in one. */
class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  log = (...parts: unknown[]): void => void this.lines.push(parts.map(String).join(' '));
  error = this.log;
  warn = this.log;
  debug = this.log;
  verbose = this.log;
  fatal = this.log;
}

interface Product {
  url: string;
  fhirBaseUrl: string;
  logs: CapturingLogger;
  /** What main.ts prints for this product. */
  banner: string;
  close(): Promise<void>;
}

describe('the card viewer in the product, client authentication on', () => {
  let sandbox: FhirSandbox;
  let ehr: TestCdsClient;
  let trustedClientsFile: string;
  let site: string;

  beforeAll(async () => {
    sandbox = await startFhirSandbox({ port: 0 });
    const patient = DEMO_PATIENTS.find((p) => p.id === PATIENT);
    await sandbox.transaction(patient?.bundle(new Date()) ?? { resourceType: 'Bundle', type: 'transaction' });
    ehr = await TestCdsClient.create({ iss: 'https://ehr.example.org', alg: 'ES384' });
    const dir = mkdtempSync(join(tmpdir(), 'viewer-security-'));
    trustedClientsFile = join(dir, 'trusted-clients.json');
    writeFileSync(trustedClientsFile, JSON.stringify({ clients: [ehr.trustedClient()] }));
    site = join(dir, 'site');
    mkdirSync(site);
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>viewer</title>');
  }, 60_000);
  afterAll(() => sandbox?.close());

  /** The product as main.ts starts it from `env` (FHIR_BASE_URL = the sandbox, auth on by default). */
  async function startProduct(env: Record<string, string>): Promise<Product> {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const config = loadConfig({
      FHIR_BASE_URL: sandbox.baseUrl,
      CDS_TRUSTED_CLIENTS_FILE: trustedClientsFile,
      PUBLIC_BASE_URL: url,
      HOST: '127.0.0.1',
      PORT: String(port),
      CARD_VIEWER_DIR: site,
      FEEDBACK_SQLITE_PATH: join(mkdtempSync(join(tmpdir(), 'viewer-security-feedback-')), 'feedback.sqlite'),
      SHUTDOWN_DRAIN_MS: '0',
      ...env,
    });
    const logs = new CapturingLogger();
    const composed = await composeApp(config, { logger: logs });
    await composed.app.listen(config.port, config.host);
    const banner = startupBanner(composed.bannerFacts(url));
    return { url, fhirBaseUrl: sandbox.baseUrl, logs, banner, close: () => composed.close() };
  }

  const hookFor = (fhirServer: string): object => ({
    hook: 'patient-view',
    hookInstance: 'b6a0c1d2-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
    fhirServer,
    context: { userId: 'Practitioner/viewer', patientId: PATIENT },
  });
  const feedback = { feedback: [{ card: MADE_UP_CARD, outcome: 'overridden', outcomeTimestamp: '2026-12-03T10:00:00Z' }] };
  const send = (url: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<Response> =>
    fetch(url, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  const resourceTypeOf = async (res: Response): Promise<unknown> => ((await res.json()) as { resourceType?: unknown }).resourceType;

  describe('CARD_VIEWER=on with CARD_VIEWER_TOKEN', () => {
    let product: Product;
    beforeAll(async () => (product = await startProduct({ CARD_VIEWER: 'on', CARD_VIEWER_TOKEN: TOKEN })), 60_000);
    afterAll(() => product?.close());

    const probes = (): [string, string, unknown?][] => [
      [
        'a hook call for the pregnant patient, through the proxy',
        `/viewer/api/cds-services/${PCB_SERVICE_ID}`,
        hookFor(product.fhirBaseUrl),
      ],
      ['discovery, through the proxy', '/viewer/api/cds-services'],
      ['feedback for a made-up card id, through the proxy', `/viewer/api/cds-services/${PCB_SERVICE_ID}/feedback`, feedback],
      ['the viewer configuration', '/viewer/config.json'],
    ];

    it('answers every probe without credentials with 401 and an OperationOutcome that discloses nothing', async () => {
      for (const [name, path, body] of probes()) {
        const res = await send(`${product.url}${path}`, { body });
        const text = await res.text();
        expect({ name, status: res.status, resourceType: JSON.parse(text).resourceType }).toEqual({
          name,
          status: 401,
          resourceType: 'OperationOutcome',
        });
        expect(text).not.toContain(product.fhirBaseUrl);
        expect(res.headers.get('access-control-allow-origin')).toBeNull();
      }
    });

    it('answers the same probes from another origin with 403 and no CORS header, even with the token', async () => {
      for (const [name, path, body] of probes()) {
        const res = await send(`${product.url}${path}`, {
          body,
          headers: { origin: 'https://evil.example', authorization: `Bearer ${TOKEN}` },
        });
        expect({ name, status: res.status, acao: res.headers.get('access-control-allow-origin') }).toEqual({
          name,
          status: 403,
          acao: null,
        });
      }
      const preflight = await send(`${product.url}/viewer/api/cds-services/${PCB_SERVICE_ID}`, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://evil.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
    });

    // Security probe: an opaque origin (sandboxed iframe, file: page) sends `Origin: null`; a token
    // in the query string (a link someone was sent) is no credential.
    it('answers the probes from Origin null with 403, and with the token only in the query string with 401', async () => {
      for (const [name, path, body] of probes()) {
        const opaque = await send(`${product.url}${path}`, { body, headers: { origin: 'null', authorization: `Bearer ${TOKEN}` } });
        expect({ name, status: opaque.status, acao: opaque.headers.get('access-control-allow-origin') }).toEqual({
          name,
          status: 403,
          acao: null,
        });
        const query = `?token=${encodeURIComponent(TOKEN)}&access_token=${encodeURIComponent(TOKEN)}`;
        const inQuery = await send(`${product.url}${path}${query}`, { body });
        expect({ name, status: inQuery.status }).toEqual({ name, status: 401 });
      }
    });

    it('refuses, with a valid token, a hook call naming another FHIR server (403) and one naming none (400)', async () => {
      const headers = { authorization: `Bearer ${TOKEN}` };
      const elsewhere = await send(`${product.url}/viewer/api/cds-services/${PCB_SERVICE_ID}`, {
        headers,
        body: hookFor('http://127.0.0.1:9/fhir'),
      });
      expect(elsewhere.status).toBe(403);
      expect(await resourceTypeOf(elsewhere)).toBe('OperationOutcome');
      const none = await send(`${product.url}/viewer/api/cds-services/${PCB_SERVICE_ID}`, {
        headers,
        body: { ...hookFor(''), fhirServer: undefined },
      });
      expect(none.status).toBe(400);
    });

    it('signs, for its own page with the token, a hook call for its FHIR server: the critical card comes back', async () => {
      const res = await send(`${product.url}/viewer/api/cds-services/${PCB_SERVICE_ID}`, {
        headers: { origin: product.url, authorization: `Bearer ${TOKEN}` },
        body: hookFor(product.fhirBaseUrl),
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as CdsResponse).cards.map((c) => c.indicator)).toContain('critical');
      const config = await send(`${product.url}/viewer/config.json`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(await config.json()).toMatchObject({ fhirServer: product.fhirBaseUrl, signedCalls: true });
    });

    it('still refuses the service itself without a client JWT, and serves it with one', async () => {
      const serviceUrl = `${product.url}/cds-services/${PCB_SERVICE_ID}`;
      expect((await send(serviceUrl, { body: hookFor(product.fhirBaseUrl) })).status).toBe(401);
      const signed = await send(serviceUrl, {
        body: hookFor(product.fhirBaseUrl),
        headers: { authorization: await ehr.authorization(serviceUrl) },
      });
      expect(signed.status).toBe(200);
    });

    it('never logs the access token', () => {
      expect(product.logs.lines.filter((line) => line.includes(TOKEN))).toEqual([]);
    });
  });

  describe('CARD_VIEWER unset (the default with authentication on)', () => {
    let product: Product;
    beforeAll(async () => (product = await startProduct({})), 60_000);
    afterAll(() => product?.close());

    it.each([
      ['GET', '/viewer/'],
      ['GET', '/viewer/config.json'],
      ['GET', '/viewer/.well-known/jwks.json'],
      ['GET', '/viewer/api/cds-services'],
      ['POST', `/viewer/api/cds-services/${PCB_SERVICE_ID}`],
      ['POST', `/viewer/api/cds-services/${PCB_SERVICE_ID}/feedback`],
    ])('answers %s %s with 404 and an OperationOutcome', async (method, path) => {
      const res = await send(`${product.url}${path}`, {
        method,
        ...(method === 'POST' ? { body: path.endsWith('feedback') ? feedback : hookFor(product.fhirBaseUrl) } : {}),
      });
      expect(res.status).toBe(404);
      expect(await resourceTypeOf(res)).toBe('OperationOutcome');
    });

    it('prints a banner whose every curl answers without a client token (none gets 401)', async () => {
      const curls = [...product.banner.matchAll(/curl (?:-X POST )?(\S+)/g)].map((m) => m[1]);
      expect(curls.length).toBeGreaterThan(0);
      for (const url of curls) {
        expect({ url, status: (await fetch(url)).status }).toEqual({ url, status: 200 });
      }
      expect(product.banner).toContain('README "Register an EHR as a trusted client"');
    });

    it('makes no viewer key, so nothing but the configured EHR is trusted', async () => {
      const config = loadConfig({ FHIR_BASE_URL: sandbox.baseUrl });
      expect(await cardViewerSetup(config, { staticDir: site, fhirBaseUrl: sandbox.baseUrl })).toEqual({});
    });
  });
});

describe('CARD_VIEWER and CARD_VIEWER_TOKEN from the environment', () => {
  const withAuth = { FHIR_BASE_URL: 'http://fhir.example/fhir' };

  it.each([
    ['auth on (FHIR_BASE_URL set)', 'off', 'client authentication on', withAuth],
    ['auth on, CARD_VIEWER=on with a token', 'on', 'CARD_VIEWER', { ...withAuth, CARD_VIEWER: 'on', CARD_VIEWER_TOKEN: TOKEN }],
    ['the zero-setup demo (auth off)', 'on', 'client authentication off', {}],
    ['auth off, CARD_VIEWER=off', 'off', 'CARD_VIEWER', { CARD_VIEWER: 'off' }],
    ['auth off explicitly', 'on', 'client authentication off', { ...withAuth, CDS_AUTH: 'off' }],
    ['auth on, CARD_VIEWER=off with a token', 'off', 'CARD_VIEWER', { ...withAuth, CARD_VIEWER: 'off', CARD_VIEWER_TOKEN: TOKEN }],
  ])('%s → viewer %s (%s)', (_name, mode, reason, env) => {
    expect(loadConfig(env).cardViewer).toMatchObject({ mode, reason });
  });

  it('refuses to start with CARD_VIEWER=on and authentication on but no token, saying what to set', () => {
    expect(() => loadConfig({ ...withAuth, CARD_VIEWER: 'on' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...withAuth, CARD_VIEWER: 'on' })).toThrow(
      /CARD_VIEWER=on with client authentication on needs CARD_VIEWER_TOKEN \(at least 32 characters/,
    );
  });

  it('refuses a short token without quoting it', () => {
    const short = 'only-twenty-chars-xx';
    let message = '';
    try {
      loadConfig({ ...withAuth, CARD_VIEWER: 'on', CARD_VIEWER_TOKEN: short });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^CARD_VIEWER_TOKEN must be at least 32 characters/);
    expect(message).not.toContain(short);
  });

  it('refuses any other CARD_VIEWER value', () => {
    expect(() => loadConfig({ CARD_VIEWER: 'yes' })).toThrow('CARD_VIEWER must be on or off, not "yes"');
  });
});
