import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Where the Postgres half of the tests runs: FEEDBACK_STORE_TEST_DATABASE_URL, else these (trust auth). */
export const TEST_DATABASE_URLS = ['postgres://postgres@127.0.0.1:5432/test', 'postgres://root@127.0.0.1:5432/test'];

export type TestPostgres = { url: string; skipReason?: undefined } | { url?: undefined; skipReason: string };

const PROBE = `
const { Client } = require(process.argv[1]);
const client = new Client({ connectionString: process.argv[2], connectionTimeoutMillis: 3000 });
client.connect().then(() => client.query('SELECT 1')).then(
  () => { process.stdout.write('ok'); return client.end(); },
  (error) => { process.stdout.write(String(error && error.message)); process.exitCode = 1; },
);`;

/**
 * Finds a Postgres that answers, synchronously (test files need to know while they declare their tests).
 * When none does, the Postgres half is skipped with the reason — except on CI (CI set), where that fails.
 */
export function findTestPostgres(): TestPostgres {
  const configured = process.env['FEEDBACK_STORE_TEST_DATABASE_URL'];
  const candidates = configured ? [configured] : TEST_DATABASE_URLS;
  const failures: string[] = [];
  for (const url of candidates) {
    const probe = spawnSync(process.execPath, ['-e', PROBE, require.resolve('pg'), url], { encoding: 'utf8', timeout: 10_000 });
    if (probe.status === 0 && probe.stdout === 'ok') {
      return { url };
    }
    failures.push(`${redact(url)}: ${probe.stdout || probe.stderr || probe.error?.message || 'no answer'}`);
  }
  const skipReason = `no Postgres answered (${failures.join('; ')})`;
  if (process.env['CI']) {
    throw new Error(`${skipReason}; on CI the Postgres tests must run`);
  }
  return { skipReason };
}

/** A fresh schema name per test run, so runs never see each other's rows. */
export function randomSchemaName(): string {
  return `feedback_test_${randomBytes(6).toString('hex')}`;
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new Error(`refusing to drop schema "${schema}"`);
  }
  await withClient(url, async (client) => {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });
}

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
