import { readFileSync } from 'node:fs';
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
 * A token whose `jku` is not on `jkuAllowlist` is refused whatever the key source (and nothing is fetched).
 */
export interface TrustedClientConfig {
  /** The JWT `iss`, compared exactly. */
  iss: string;
  jwks?: JSONWebKeySet;
  jwksUrl?: string;
  /** `jku` header values accepted from this client, compared exactly. */
  jkuAllowlist?: string[];
}

export interface TrustedClientsConfig {
  clients: TrustedClientConfig[];
}

/**
 * Validates a trusted-clients configuration strictly: an unknown key, a wrong type, a private key or an
 * http URL is an error naming its key path, never a silently ignored setting.
 */
export function parseTrustedClientsConfig(value: unknown): TrustedClientsConfig {
  const root = checkObject(value, '(root)', ['clients']);
  const clients = checkArray(root['clients'], 'clients').map((client, index) => parseClient(client, join('clients', index)));
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
    return parseTrustedClientsConfig(json);
  } catch (error) {
    throw new TrustedClientsConfigError(`Trusted clients file ${file}: ${(error as Error).message}`);
  }
}

function parseClient(value: unknown, path: string): TrustedClientConfig {
  const raw = checkObject(value, path, ['iss', 'jwks', 'jwksUrl', 'jkuAllowlist']);
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
  if (!client.jwks && !client.jwksUrl && !client.jkuAllowlist?.length) {
    fail(path, 'needs a key source: jwks, jwksUrl or a non-empty jkuAllowlist');
  }
  return client;
}
