import type { JSONWebKeySet, JWTVerifyGetKey } from 'jose';
import { createLocalJWKSet, createRemoteJWKSet, errors } from 'jose';
import { ClientAuthenticationError } from './client-authentication.error';
import type { TrustedClientConfig } from './trusted-clients.config';

export interface RemoteKeySetOptions {
  timeoutMs: number;
  cooldownMs: number;
  cacheMaxAgeMs: number;
}

/**
 * Where a trusted client's verification keys come from (see TrustedClientConfig for the order), with one
 * jose key set per inline JWKS and per URL, built once and reused: jose caches a fetched set
 * (`cacheMaxAge`) and refetches it at most once per `cooldown` when an unknown kid shows up (key rotation
 * without letting random kids trigger a fetch per request). Every URL comes from the configuration, so the
 * number of sets is bounded by it.
 *
 * Key lookup failures become ClientAuthenticationErrors here, where it is known whether a set was local
 * or fetched.
 */
export class ClientKeySets {
  private readonly local = new Map<string, JWTVerifyGetKey>();
  private readonly remote = new Map<string, JWTVerifyGetKey>();

  constructor(private readonly options: RemoteKeySetOptions) {}

  /** The key resolver for a token of `client` carrying `jku` (already checked against the allowlist and map). */
  forClient(client: TrustedClientConfig, jku: string | undefined): JWTVerifyGetKey {
    const mapped = jku === undefined ? undefined : mappedKeySource(client, jku);
    if (mapped !== undefined) {
      return typeof mapped === 'string'
        ? this.remoteSet(mapped)
        : this.localSet(`${client.iss} jkuMap ${jku}`, mapped, `the JWK Set mapped to the jku of ${client.iss}`);
    }
    if (client.jwks) {
      return this.localSet(client.iss, client.jwks, `the configured JWKS of ${client.iss}`);
    }
    const url = jku ?? client.jwksUrl;
    if (url === undefined) {
      throw new ClientAuthenticationError('no-key-source', `no jku in the token and no jwks/jwksUrl configured for client ${client.iss}`);
    }
    return this.remoteSet(url);
  }

  private localSet(cacheKey: string, jwks: JSONWebKeySet, where: string): JWTVerifyGetKey {
    let set = this.local.get(cacheKey);
    if (!set) {
      const jose = createLocalJWKSet(jwks);
      set = async (header, token) => {
        try {
          return await jose(header, token);
        } catch (error) {
          throw keyLookupError(error, where);
        }
      };
      this.local.set(cacheKey, set);
    }
    return set;
  }

  private remoteSet(url: string): JWTVerifyGetKey {
    let set = this.remote.get(url);
    if (!set) {
      const jose = createRemoteJWKSet(new URL(url), {
        timeoutDuration: this.options.timeoutMs,
        cooldownDuration: this.options.cooldownMs,
        cacheMaxAge: this.options.cacheMaxAgeMs,
      });
      set = async (header, token) => {
        try {
          // jose's timeout is a socket idle timeout and stops at the response headers: a server trickling
          // bytes, or sending headers and then nothing, would hold the request forever. This is the deadline.
          return await withDeadline(jose(header, token), this.options.timeoutMs);
        } catch (error) {
          throw keyLookupError(error, `the JWK Set at ${url}`);
        }
      };
      this.remote.set(url, set);
    }
    return set;
  }
}

/** The key source `jkuMap` gives for `jku` (own keys only), or undefined when it is not mapped. */
export function mappedKeySource(client: TrustedClientConfig, jku: string): string | JSONWebKeySet | undefined {
  return client.jkuMap !== undefined && Object.prototype.hasOwnProperty.call(client.jkuMap, jku) ? client.jkuMap[jku] : undefined;
}

class DeadlineExceeded extends Error {}

async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded()), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
    // The losing fetch may still fail later; nobody awaits it any more, so its rejection must not be unhandled.
    work.catch(() => undefined);
  }
}

function keyLookupError(error: unknown, where: string): ClientAuthenticationError {
  if (error instanceof ClientAuthenticationError) {
    return error;
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return new ClientAuthenticationError('unknown-key', `no key in ${where} matches the token's kid and alg`);
  }
  if (error instanceof errors.JWKSMultipleMatchingKeys) {
    return new ClientAuthenticationError('unknown-key', `several keys in ${where} match the token's kid and alg`);
  }
  if (error instanceof DeadlineExceeded || error instanceof errors.JWKSTimeout) {
    return new ClientAuthenticationError('key-set-unavailable', `fetching ${where} timed out`);
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
  return new ClientAuthenticationError('key-set-unavailable', `${where} could not be used (${detail})`);
}
