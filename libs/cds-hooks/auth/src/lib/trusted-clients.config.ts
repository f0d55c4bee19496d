import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { JSONWebKeySet } from 'jose';
import { checkArray, checkObject, checkString, fail, join } from './config-checks';
import { TrustedClientsConfigError } from './trusted-clients-config.error';
import { validateKeySetUrl } from './validate-key-set-url';
import { validatePublicJwks } from './validate-public-jwks';

/**
 * One CDS client this service trusts (CDS Hooks 2.0 §Trusting CDS Clients: "an allowlist of iss and jku
 * urls"). Where its keys come from, in order:
 * - `jwks`: its public keys, pinned inline (exchanged out of band). Never fetched, even when a token
 *   names a `jku`.
 * - else the token's `jku` header, when it is on `jkuAllowlist`;
 * - else `jwksUrl`, fetched and cached.
 * A token whose `jku` is a key of `jkuMap` takes its keys from the mapped source instead, and the `jku` itself is
 * never fetched: how a client that always sends a `jku` (the CDS Hooks sandbox does) is verified offline, or
 * from a mirror. A token whose `jku` is neither on `jkuAllowlist` nor in `jkuMap` is refused whatever the key
 * source (and nothing is fetched).
 */
export interface TrustedClientConfig {
  /** The JWT `iss`, compared exactly. */
  iss: string;
  jwks?: JSONWebKeySet;
  jwksUrl?: string;
  /** `jku` header values accepted from this client, compared exactly. */
  jkuAllowlist?: string[];
  /**
   * `jku` header value (exact) → where its keys really are: a JWK Set URL (https, http only on loopback), or a
   * local JWK Set file (read and checked at start-up; a relative path is relative to the trusted-clients
   * file), or a JWK Set inline. A mapped `jku` is accepted without being on `jkuAllowlist`.
   */
  jkuMap?: Record<string, string | JSONWebKeySet>;
}

export interface TrustedClientsConfig {
  clients: TrustedClientConfig[];
}

/**
 * Validates a trusted-clients configuration strictly: an unknown key, a wrong type, a private key or an
 * http URL is an error naming its key path, never a silently ignored setting.
 */
export function parseTrustedClientsConfig(value: unknown, options: { baseDir?: string } = {}): TrustedClientsConfig {
  const root = checkObject(value, '(root)', ['clients']);
  const baseDir = options.baseDir ?? process.cwd();
  const clients = checkArray(root['clients'], 'clients').map((client, index) => parseClient(client, join('clients', index), baseDir));
  const seen = new Map<string, string>();
  clients.forEach((client, index) => {
    const previous = seen.get(client.iss);
    if (previous !== undefined) {
      fail(`${join('clients', index)}.iss`, `duplicates ${previous}.iss`);
    }
    seen.set(client.iss, join('clients', index));
  });
  return { clients };
}

/** Reads and validates a trusted-clients JSON file; errors name the file and the key path. */
export function loadTrustedClientsConfig(file: string): TrustedClientsConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new TrustedClientsConfigError(`Cannot read trusted clients file ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new TrustedClientsConfigError(`Trusted clients file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return parseTrustedClientsConfig(json, { baseDir: dirname(resolve(file)) });
  } catch (error) {
    throw new TrustedClientsConfigError(`Trusted clients file ${file}: ${(error as Error).message}`);
  }
}

function parseClient(value: unknown, path: string, baseDir: string): TrustedClientConfig {
  const raw = checkObject(value, path, ['iss', 'jwks', 'jwksUrl', 'jkuAllowlist', 'jkuMap']);
  const client: TrustedClientConfig = { iss: checkString(raw['iss'], join(path, 'iss')) };
  if (raw['jwks'] !== undefined && raw['jwksUrl'] !== undefined) {
    // With both, the pinned keys would always win and the URL would be dead configuration.
    fail(path, 'must have either jwks or jwksUrl, not both');
  }
  if (raw['jwks'] !== undefined) {
    client.jwks = validatePublicJwks(raw['jwks'], join(path, 'jwks'));
  }
  if (raw['jwksUrl'] !== undefined) {
    client.jwksUrl = validateKeySetUrl(raw['jwksUrl'], join(path, 'jwksUrl'));
  }
  if (raw['jkuAllowlist'] !== undefined) {
    const listPath = join(path, 'jkuAllowlist');
    client.jkuAllowlist = checkArray(raw['jkuAllowlist'], listPath).map((url, i) => validateKeySetUrl(url, join(listPath, i)));
  }
  if (raw['jkuMap'] !== undefined) {
    client.jkuMap = parseJkuMap(raw['jkuMap'], join(path, 'jkuMap'), baseDir);
  }
  if (!client.jwks && !client.jwksUrl && !client.jkuAllowlist?.length && !Object.keys(client.jkuMap ?? {}).length) {
    fail(path, 'needs a key source: jwks, jwksUrl, a non-empty jkuAllowlist or a non-empty jkuMap');
  }
  return client;
}

/** Each `jku` → a JWK Set URL, or the checked content of a JWK Set file or inline object. */
function parseJkuMap(value: unknown, path: string, baseDir: string): Record<string, string | JSONWebKeySet> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(path, 'must be an object mapping jku URLs to a JWK Set URL, file or inline JWK Set');
  }
  const map: Record<string, string | JSONWebKeySet> = {};
  for (const [jku, target] of Object.entries(value as Record<string, unknown>)) {
    const entryPath = `${path}[${JSON.stringify(jku)}]`;
    validateKeySetUrl(jku, `${path} key ${JSON.stringify(jku)}`);
    if (typeof target === 'string' && /^https?:\/\//i.test(target)) {
      map[jku] = validateKeySetUrl(target, entryPath);
    } else if (typeof target === 'string' && target !== '') {
      map[jku] = validatePublicJwks(readJwksFile(resolve(baseDir, target), entryPath), entryPath);
    } else {
      map[jku] = validatePublicJwks(target, entryPath);
    }
  }
  return map;
}

function readJwksFile(file: string, path: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    fail(path, `names a JWK Set file that cannot be read as JSON (${file}: ${(error as Error).message})`);
  }
}
