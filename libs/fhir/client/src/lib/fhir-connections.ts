import type { Dispatcher } from 'undici';
import { Pool } from 'undici';

export interface FhirConnectionsOptions {
  /** Open connections per FHIR server at most; further requests wait for a free one (under their deadline). */
  connectionsPerOrigin?: number;
  /** FHIR servers kept at once; the least recently used one's connections are closed to make room. */
  maxOrigins?: number;
  /** How long an idle connection is kept (a server's own `Keep-Alive: timeout` hint wins when shorter). */
  keepAliveTimeoutMs?: number;
}

/** Enough for a hook's parallel prefetch searches of a few concurrent hooks; more would only load the FHIR server. */
export const DEFAULT_CONNECTIONS_PER_ORIGIN = 32;
/** Deployments talk to one or a few FHIR servers; the bound stops a stream of named servers from piling up pools. */
export const DEFAULT_MAX_ORIGINS = 16;
/**
 * Below the idle timeouts of common FHIR front ends (Jetty under HAPI 30 s, nginx 75 s), so the client closes an
 * idle connection before the server does and never sends a request into a socket the server is closing.
 */
export const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 10_000;

/**
 * The keep-alive connections to FHIR servers, shared by every FhirRestClient given it: one connection pool per
 * origin, so consecutive hook requests reuse connections (no TCP/TLS handshake per prefetch query).
 * Owned by whoever creates it, who must `close()` it at shutdown.
 */
export class FhirConnections {
  private readonly pools = new Map<string, Pool>();
  private readonly connectionsPerOrigin: number;
  private readonly maxOrigins: number;
  private readonly keepAliveTimeoutMs: number;
  private closed = false;

  constructor(options: FhirConnectionsOptions = {}) {
    this.connectionsPerOrigin = positiveInteger('connectionsPerOrigin', options.connectionsPerOrigin, DEFAULT_CONNECTIONS_PER_ORIGIN);
    this.maxOrigins = positiveInteger('maxOrigins', options.maxOrigins, DEFAULT_MAX_ORIGINS);
    this.keepAliveTimeoutMs = positiveInteger('keepAliveTimeoutMs', options.keepAliveTimeoutMs, DEFAULT_KEEP_ALIVE_TIMEOUT_MS);
  }

  /** The pool of `origin` (`http://host:port`), created on first use. */
  poolFor(origin: string): Dispatcher {
    if (this.closed) {
      throw new Error('FHIR connections are closed (the service is shutting down)');
    }
    const existing = this.pools.get(origin);
    if (existing) {
      // Re-inserted: the Map's order is then least recently used first.
      this.pools.delete(origin);
      this.pools.set(origin, existing);
      return existing;
    }
    const pool = new Pool(origin, {
      connections: this.connectionsPerOrigin,
      keepAliveTimeout: this.keepAliveTimeoutMs,
      keepAliveMaxTimeout: this.keepAliveTimeoutMs,
    });
    this.pools.set(origin, pool);
    this.evictBeyondBound();
    return pool;
  }

  /** Closes every connection, after the requests in flight have finished (each is bounded by its deadline). */
  async close(): Promise<void> {
    this.closed = true;
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => closeQuietly(pool)));
  }

  private evictBeyondBound(): void {
    while (this.pools.size > this.maxOrigins) {
      const [origin, pool] = this.pools.entries().next().value as [string, Pool];
      this.pools.delete(origin);
      // Graceful: requests already dispatched to it finish; new ones get a new pool.
      void closeQuietly(pool);
    }
  }
}

let processDefault: FhirConnections | undefined;

/**
 * The connections of clients created without their own (scripts, tests): one set per process, never closed;
 * idle sockets do not keep the process alive and close after the keep-alive timeout.
 */
export function defaultFhirConnections(): FhirConnections {
  processDefault ??= new FhirConnections();
  return processDefault;
}

async function closeQuietly(pool: Pool): Promise<void> {
  try {
    await pool.close();
  } catch {
    // Already closed or destroyed: nothing left to release.
  }
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) {
    return fallback;
  }
  if (!Number.isInteger(value) || value < 1) {
    throw new TypeError(`FhirConnections ${name} must be a positive integer`);
  }
  return value;
}
