import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { Agent, get } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
        resolve({ port: Number(match[1]), child, exited });
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

const readyStatus = (port: number) => async (): Promise<number> => (await httpGet(port, '/ready')).status;

describe('SIGTERM: readiness drains before the listener closes', () => {
  let harness: Harness | undefined;
  afterEach(() => harness?.child.kill('SIGKILL'));

  it('answers /ready 503 on a kept-alive connection with Connection: close, then refuses new connections, and exits 0', async () => {
    harness = await startHarness({ HARNESS_SQLITE_PATH: join(mkdtempSync(join(tmpdir(), 'shutdown-')), 'feedback.sqlite'), SHUTDOWN_DRAIN_MS: '3000' });
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
      await until(async () => ((await httpGet(port, '/ready').catch((error: NodeJS.ErrnoException) => error.code)) === 'ECONNREFUSED' ? true : undefined));
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

  it('200 while the database answers, 503 naming the feedback store while it is away, 200 again when it is back', async () => {
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
    expect(JSON.parse(down.body)).toEqual({ status: 'unavailable', checks: [{ name: 'feedback-store', status: expect.stringMatching(/^(failed|timeout)$/) }] });
    expect((await httpGet(port, '/metrics')).body).toMatch(/cds_card_ledger_lost_total 0/);

    proxy = await startTcpProxy(target, proxy.port);
    expect(await until(async () => ((await readyStatus(port)()) === 200 ? 200 : undefined))).toBe(200);
  }, 60_000);
});
