import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { Agent, get, request } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresFeedbackRepository } from '@pcb-cds/cds-hooks-feedback-store';
import type { TcpProxy } from '@pcb-cds/cds-hooks-feedback-store/testing';
import { dropSchema, findTestPostgres, randomSchemaName, startTcpProxy } from '@pcb-cds/cds-hooks-feedback-store/testing';

// The product's stack in a child process (testing/shutdown-harness.ts), as an orchestrator meets it: /ready
// follows the feedback store (PostgreSQL taken away by killing a proxy in front of it, never the server), and
// SIGTERM turns /ready to 503 for the drain period while requests on kept-alive connections are still answered,
// with Connection: close, before the listener closes and the process exits 0.

const ROOT = join(__dirname, '..', '..', '..', '..');
const HARNESS = join(__dirname, 'testing', 'shutdown-harness.ts');
const REGISTER_PATHS = join(ROOT, 'libs/cds-hooks/feedback-store/src/testing/register-workspace-paths.ts');
const TSCONFIG = join(ROOT, 'libs/cds-hooks/feedback-store/tsconfig.spec.json');
const ATTEMPTS = 200; // polls of 50 ms at most: a bound, not an expected duration

interface Harness {
  port: number;
  /** Its embedded FHIR sandbox. */
  fhirBaseUrl?: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  socket: Socket;
}

function startHarness(env: Record<string, string>): Promise<Harness> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('TS_NODE_')));
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', REGISTER_PATHS, HARNESS], {
    env: { ...inherited, ...env, TS_NODE_PROJECT: TSCONFIG },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening (\d+)\n/.exec(stdout);
      if (match) {
        resolve({ port: Number(match[1]), fhirBaseUrl: /fhir (\S+)\n/.exec(stdout)?.[1], child, exited });
      }
    });
    void exited.then((code) => reject(new Error(`harness exited (${code}) before listening: ${stderr}`)));
  });
}

function httpGet(port: number, path: string, agent: Agent | false = false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, agent }, (res) => {
      const socket = res.socket;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, socket }));
    }).on('error', reject);
  });
}

/** Polls `probe` until it returns a value (bounded); the last error, if any, explains a failure. */
async function until<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < ATTEMPTS; i++) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`condition not reached after ${ATTEMPTS} polls`);
}

/** patient-view for the harness's demo patient (pregnant, 30 weeks: one critical card). */
function patientView(harness: Harness, hookInstance: string): Promise<{ status: number; cards: Array<{ uuid?: string }> }> {
  const body = JSON.stringify({
    hook: 'patient-view',
    hookInstance,
    fhirServer: harness.fhirBaseUrl,
    context: { patientId: 'pcb-demo-pregnant-30w' },
  });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: harness.port,
        path: '/cds-services/pcb-evaluation',
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, cards: (JSON.parse(text) as { cards?: Array<{ uuid?: string }> }).cards ?? [] }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A Prometheus sample's value in /metrics. */
async function metric(port: number, name: string): Promise<number> {
  const line = (await httpGet(port, '/metrics')).body.split('\n').find((l) => l.startsWith(`${name} `));
  return Number(line?.split(' ')[1]);
}

const readyStatus = (port: number) => async (): Promise<number> => (await httpGet(port, '/ready')).status;

describe('SIGTERM: readiness drains before the listener closes', () => {
  let harness: Harness | undefined;
  afterEach(() => harness?.child.kill('SIGKILL'));

  it('answers /ready 503 on a kept-alive connection with Connection: close, then refuses new connections, and exits 0', async () => {
    harness = await startHarness({
      HARNESS_SQLITE_PATH: join(mkdtempSync(join(tmpdir(), 'shutdown-')), 'feedback.sqlite'),
      SHUTDOWN_DRAIN_MS: '3000',
    });
    const { port } = harness;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await httpGet(port, '/ready', agent);
      expect(first.status).toBe(200);
      expect(first.headers.connection).toBe('keep-alive');

      harness.child.kill('SIGTERM');
      // Requests go on over the same kept-alive connection; each gets an answer (a reset would reject here).
      const draining = await until(async () => {
        const answer = await httpGet(port, '/ready', agent);
        return answer.status === 503 ? answer : undefined;
      });
      expect(draining.socket).toBe(first.socket);
      expect(draining.headers.connection).toBe('close');
      expect(JSON.parse(draining.body)).toMatchObject({ status: 'shutting-down' });

      // Still listening during the drain: a new connection is answered, with Connection: close.
      const fresh = await httpGet(port, '/cds-services');
      expect(fresh.status).toBe(200);
      expect(fresh.headers.connection).toBe('close');

      // Then the listener closes and the process exits cleanly.
      await until(async () =>
        (await httpGet(port, '/ready').catch((error: NodeJS.ErrnoException) => error.code)) === 'ECONNREFUSED' ? true : undefined,
      );
      expect(await harness.exited).toBe(0);
    } finally {
      agent.destroy();
    }
  }, 60_000);
});

const postgres = findTestPostgres();
const describeWithPostgres = postgres.url ? describe : describe.skip;

describeWithPostgres('/ready follows the feedback store (PostgreSQL behind a proxy that is killed and restarted)', () => {
  const url = new URL(postgres.url ?? 'postgres://x@127.0.0.1:5432/test');
  const schema = randomSchemaName();
  let proxy: TcpProxy | undefined;
  let harness: Harness | undefined;

  afterAll(async () => {
    harness?.child.kill('SIGKILL');
    await proxy?.close();
    if (postgres.url) {
      await dropSchema(postgres.url, schema);
    }
  });

  it('200 while the database answers; 503 naming the feedback store while it is away, cards issued meanwhile kept; 200 and the cards written when it is back', async () => {
    const target = Number(url.port || 5432);
    proxy = await startTcpProxy(target);
    const viaProxy = new URL(url.href);
    viaProxy.port = String(proxy.port);
    harness = await startHarness({ HARNESS_DATABASE_URL: viaProxy.href, HARNESS_PG_SCHEMA: schema });
    const { port } = harness;
    expect(await until(async () => ((await readyStatus(port)()) === 200 ? 200 : undefined))).toBe(200);

    await proxy.close();
    const down = await until(async () => {
      const answer = await httpGet(port, '/ready');
      return answer.status === 503 ? answer : undefined;
    });
    expect(JSON.parse(down.body)).toEqual({
      status: 'unavailable',
      checks: [
        { name: 'fhir-sandbox', status: 'ok' },
        { name: 'feedback-store', status: expect.stringMatching(/^(failed|timeout)$/) },
      ],
    });

    // The EHR is still answered; the cards wait in memory for the store.
    const issued: string[] = [];
    for (const hookInstance of ['outage-1', 'outage-2']) {
      const answer = await patientView(harness, hookInstance);
      expect(answer.status).toBe(200);
      expect(answer.cards.length).toBeGreaterThan(0);
      issued.push(...answer.cards.map((card) => card.uuid as string));
    }
    expect(await until(async () => ((await metric(port, 'cds_card_ledger_pending')) >= issued.length ? true : undefined))).toBe(true);
    expect(await metric(port, 'cds_card_ledger_lost_total')).toBe(0);

    proxy = await startTcpProxy(target, proxy.port);
    expect(await until(async () => ((await readyStatus(port)()) === 200 ? 200 : undefined))).toBe(200);
    expect(await until(async () => ((await metric(port, 'cds_card_ledger_pending')) === 0 ? true : undefined))).toBe(true);
    const direct = new PostgresFeedbackRepository({ connectionString: url.href, schema });
    try {
      for (const uuid of issued) {
        expect((await direct.findIssuedCard(uuid))?.serviceId).toBe('pcb-evaluation');
      }
    } finally {
      await direct.close();
    }
  }, 60_000);
});
