import { randomUUID } from 'node:crypto';
import type { AddressInfo, Server, Socket } from 'node:net';
import { connect, createServer } from 'node:net';
import Redis from 'ioredis';
import { openSharedRedis } from '../lib/open-shared-redis';

/** The Redis the tests use (CI and developer machines run one on loopback); db 11 keeps it apart from real use. */
export const TEST_REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379/11';

/** Connections under a key prefix of their own, and a cleanup that deletes only that prefix's keys. */
export function testRedis(url = TEST_REDIS_URL): {
  prefix: string;
  open: (via?: string, commandTimeoutMs?: number) => Redis;
  raw: Redis;
  cleanup: () => Promise<void>;
} {
  const prefix = `pcb-cds-test:${randomUUID()}:`;
  const opened: Redis[] = [];
  const raw = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 1 });
  return {
    prefix,
    raw,
    // `via`: another URL reaching the same Redis (a proxy), with the same prefix.
    open: (via = url, commandTimeoutMs?: number) => {
      const redis = openSharedRedis({ url: via, keyPrefix: prefix, commandTimeoutMs });
      opened.push(redis);
      return redis;
    },
    cleanup: async () => {
      await Promise.all(opened.map(close));
      try {
        const keys = await raw.keys(`${prefix}*`);
        if (keys.length > 0) {
          await raw.del(...keys);
        }
      } finally {
        await close(raw);
      }
    },
  };
}

/** Closes a connection and waits until its socket is gone (a dead one is just dropped). */
export async function close(redis: Redis): Promise<void> {
  if (redis.status === 'ready') {
    await redis.quit().catch(() => redis.disconnect());
  } else {
    redis.disconnect();
  }
}

/** Resolves when the connection can run commands (the shared connection never queues them). */
export function whenReady(redis: Redis): Promise<void> {
  return redis.status === 'ready' ? Promise.resolve() : new Promise((resolve) => redis.once('ready', () => resolve()));
}

/** A loopback port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A TCP proxy to Redis on loopback that can be killed (listener and every connection), like a Redis going away. */
export async function killableProxy(target: URL): Promise<{ url: string; kill: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 6379), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}${target.pathname}`,
    kill: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        sockets.forEach((s) => s.destroy());
      }),
  };
}
