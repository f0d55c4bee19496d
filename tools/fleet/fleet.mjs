// The fleet under test: three replicas of the built service on loopback ports behind nginx (a foreground
// child with its own config, pid and logs in a temp folder), sharing PostgreSQL (a schema of their own) and
// Redis (a db index and key prefix of their own). Everything started here is stopped by stop().
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Redis from 'ioredis';
import pg from 'pg';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const REDIS_URL = process.env.FLEET_REDIS_URL ?? 'redis://127.0.0.1:6379/12';
export const MAIN = join(ROOT, 'dist/apps/cds-service/main.js');
// Trust auth on loopback; the role is `postgres` on most machines, `root` on some CI images (as the feedback-store tests).
const POSTGRES_URLS = process.env.FLEET_POSTGRES_URL
  ? [process.env.FLEET_POSTGRES_URL]
  : ['postgres://postgres@127.0.0.1:5432/test', 'postgres://root@127.0.0.1:5432/test'];
const REDIS = REDIS_URL;
/** Short, so a rolling restart of three replicas stays within seconds; production uses the default (5 s). */
const DRAIN_MS = 1_000;
export const RATE_LIMIT_PER_MINUTE = 40;
/** How long nginx skips a replica that failed (passive health check: open-source nginx has no active one). */
export const FAIL_TIMEOUT_S = 5;

export async function freePort() {
  const server = createServer();
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

async function until(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) {
      return;
    }
    await sleep(100);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

async function answers(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

export class Fleet {
  /** `clients`: FleetClients every replica trusts. */
  static async start(clients, replicaCount = 3) {
    const fleet = new Fleet(clients);
    try {
      await fleet.startStores();
      fleet.balancerPort = await freePort();
      fleet.publicBase = `http://127.0.0.1:${fleet.balancerPort}`;
      fleet.replicas = [];
      for (let i = 0; i < replicaCount; i++) {
        fleet.replicas.push({ index: i, port: await freePort(), child: undefined });
      }
      await Promise.all(fleet.replicas.map((r) => fleet.startReplica(r)));
      await fleet.startNginx();
      return fleet;
    } catch (error) {
      await fleet.stop();
      throw error;
    }
  }

  constructor(clients) {
    this.clients = clients;
    this.dir = mkdtempSync(join(tmpdir(), 'pcb-fleet-'));
    this.schema = `fleet_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    this.keyPrefix = `pcb-cds-fleet:${randomUUID()}:`;
    this.children = new Set();
  }

  async startStores() {
    for (const url of POSTGRES_URLS) {
      const client = new pg.Client({ connectionString: url });
      try {
        await client.connect();
        this.pg = client;
        this.databaseUrl = url;
        break;
      } catch (error) {
        this.pgError = error;
      }
    }
    if (!this.pg) {
      throw new Error(`PostgreSQL not reachable at ${POSTGRES_URLS.join(' or ')}: ${this.pgError}`);
    }
    await this.pg.query(`CREATE SCHEMA ${this.schema}`);
    this.redis = new Redis(REDIS, { maxRetriesPerRequest: 1 });
    await this.redis.ping();
    this.trustedClientsFile = join(this.dir, 'trusted-clients.json');
    writeFileSync(this.trustedClientsFile, JSON.stringify({ clients: this.clients.map((c) => c.trustedClient()) }));
  }

  env(replica) {
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(replica.port),
      // Hook calls carry their data as prefetch; no FHIR server is contacted (and none is embedded).
      FHIR_BASE_URL: 'http://127.0.0.1:9/fhir',
      CDS_AUTH: 'on',
      CDS_TRUSTED_CLIENTS_FILE: this.trustedClientsFile,
      PUBLIC_BASE_URL: this.publicBase,
      TRUST_PROXY: 'loopback',
      DATABASE_URL: this.databaseUrl,
      DATABASE_SCHEMA: this.schema,
      PATIENT_HASH_SALT: 'fleet-test-salt-shared-by-every-replica-0123456789',
      REDIS_URL: replica.redisUrl ?? REDIS,
      REDIS_KEY_PREFIX: this.keyPrefix,
      RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT_PER_MINUTE),
      SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
      LOG_LEVEL: 'warn',
    };
  }

  async startReplica(replica) {
    const log = createWriteStream(join(this.dir, `replica-${replica.index}.log`), { flags: 'a' });
    const child = spawn(process.execPath, [MAIN], { env: this.env(replica), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    this.children.add(child);
    child.exited = new Promise((ok) => child.on('exit', (code, signal) => ok({ code, signal })));
    child.exited.then(() => this.children.delete(child));
    replica.child = child;
    await until(
      `replica ${replica.index} ready`,
      async () => {
        if (child.exitCode !== null) {
          throw new Error(`replica ${replica.index} exited (${child.exitCode}):\n${this.log(replica)}`);
        }
        return (await answers(`http://127.0.0.1:${replica.port}/ready`)) === 200;
      },
      60_000,
    );
  }

  log(replica) {
    try {
      return readFileSync(join(this.dir, `replica-${replica.index}.log`), 'utf8')
        .split('\n')
        .slice(-30)
        .join('\n');
    } catch {
      return '';
    }
  }

  replicaUrl(replica) {
    return `http://127.0.0.1:${replica.port}`;
  }

  async startNginx() {
    for (const d of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
      mkdirSync(join(this.dir, d));
    }
    const conf = join(this.dir, 'nginx.conf');
    writeFileSync(conf, nginxConfig(this));
    const nginx = process.env.NGINX ?? 'nginx';
    const child = spawn(nginx, ['-p', this.dir, '-c', conf, '-e', join(this.dir, 'nginx-error.log')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr.pipe(createWriteStream(join(this.dir, 'nginx-stderr.log')));
    this.children.add(child);
    child.exited = new Promise((ok) => child.on('exit', (code, signal) => ok({ code, signal })));
    child.on('error', () => undefined);
    this.nginx = child;
    await until(
      'nginx',
      async () => {
        if (child.exitCode !== null) {
          throw new Error(`nginx exited: ${readFileSync(join(this.dir, 'nginx-error.log'), 'utf8')}`);
        }
        return (await answers(`${this.publicBase}/health`)) === 200;
      },
      15_000,
    );
  }

  /** SIGKILL: no drain, no goodbye. */
  async kill(replica) {
    replica.child.kill('SIGKILL');
    await replica.child.exited;
  }

  /** SIGTERM, as an orchestrator does: the replica drains and exits by itself. */
  async terminate(replica) {
    replica.child.kill('SIGTERM');
    const { code, signal } = await Promise.race([replica.child.exited, sleep(30_000).then(() => ({ code: 'timeout' }))]);
    if (code !== 0) {
      throw new Error(`replica ${replica.index} did not exit cleanly after SIGTERM (${code ?? signal}):\n${this.log(replica)}`);
    }
  }

  restart(replica) {
    return this.startReplica(replica);
  }

  async feedbackRows(cardUuids) {
    const { rows } = await this.pg.query(
      `SELECT card_uuid, count(*)::int AS n FROM ${this.schema}.cds_feedback WHERE card_uuid = ANY($1) GROUP BY card_uuid`,
      [cardUuids],
    );
    return new Map(rows.map((r) => [r.card_uuid, r.n]));
  }

  /** Resolves when the card ledger (written in batches) holds the card; false if it never does within `timeoutMs`. */
  async cardIssued(cardUuid, timeoutMs = 10_000) {
    try {
      await until(
        `card ${cardUuid} in the ledger`,
        async () => {
          const { rows } = await this.pg.query(`SELECT 1 FROM ${this.schema}.cds_issued_card WHERE card_uuid = $1`, [cardUuid]);
          return rows.length > 0;
        },
        timeoutMs,
      );
      return true;
    } catch {
      return false;
    }
  }

  async feedbackRowCount() {
    const { rows } = await this.pg.query(`SELECT count(*)::int AS n FROM ${this.schema}.cds_feedback`);
    return rows[0].n;
  }

  async stop() {
    // nginx by SIGTERM (its master then stops its workers: SIGKILL would orphan them), replicas by SIGKILL.
    if (this.nginx && this.children.has(this.nginx)) {
      this.nginx.kill('SIGTERM');
      await Promise.race([this.nginx.exited, sleep(5_000)]);
    }
    for (const child of this.children) {
      child.kill('SIGKILL');
    }
    await Promise.all([...this.children].map((c) => c.exited));
    if (this.pg) {
      await this.pg.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`).catch(() => undefined);
      await this.pg.end().catch(() => undefined);
    }
    if (this.redis) {
      const keys = await this.redis.keys(`${this.keyPrefix}*`).catch(() => []);
      if (keys.length > 0) {
        await this.redis.del(...keys).catch(() => undefined);
      }
      this.redis.disconnect();
    }
    if (!process.env.FLEET_KEEP_LOGS) {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

/**
 * Round robin over the replicas. A replica that refuses connections or fails mid-request is skipped for
 * `fail_timeout` and the request goes to the next one (`proxy_next_upstream`), POSTs included
 * (`non_idempotent`): a hook call only reads (a retry answers new cards), and feedback is stored once per card,
 * outcome and time whatever the number of tries. A 503 is not retried: the token it came with may already
 * be used up (its jti recorded), so a retry would only turn it into a 401. `X-Upstream` names the replicas tried.
 */
function nginxConfig(fleet) {
  const servers = fleet.replicas.map((r) => `    server 127.0.0.1:${r.port} max_fails=1 fail_timeout=${FAIL_TIMEOUT_S}s;`).join('\n');
  return `daemon off;
worker_processes 1;
pid ${join(fleet.dir, 'nginx.pid')};
error_log ${join(fleet.dir, 'nginx-error.log')} warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${join(fleet.dir, 'body')};
  proxy_temp_path ${join(fleet.dir, 'proxy')};
  fastcgi_temp_path ${join(fleet.dir, 'fastcgi')};
  uwsgi_temp_path ${join(fleet.dir, 'uwsgi')};
  scgi_temp_path ${join(fleet.dir, 'scgi')};
  upstream cds {
${servers}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${fleet.balancerPort};
    client_max_body_size 8m;
    location / {
      proxy_pass http://cds;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_next_upstream error timeout non_idempotent;
      proxy_next_upstream_tries 3;
      proxy_connect_timeout 2s;
      proxy_read_timeout 20s;
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`;
}
