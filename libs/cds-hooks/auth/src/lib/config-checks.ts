import { TrustedClientsConfigError } from './trusted-clients-config.error';

// Tiny structural checks shared by the trusted-clients validators. Each failure names the key path
// (`clients[1].jwks.keys[0].crv`) so an operator can fix the file without reading code.

export function fail(path: string, problem: string): never {
  throw new TrustedClientsConfigError(`${path} ${problem}`);
}

export function checkObject(value: unknown, path: string, allowedKeys: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(path, 'must be an object');
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!allowedKeys.includes(key)) {
      // A misspelt key (`jwksUri`) must not silently leave a client without its intended key source.
      fail(join(path, key), `is not allowed here (allowed: ${allowedKeys.join(', ')})`);
    }
  }
  return record;
}

export function checkArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) {
    fail(path, 'must be an array');
  }
  return value;
}

export function checkString(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    fail(path, 'must be a non-empty string');
  }
  return value;
}

export function checkOptionalString(value: unknown, path: string): string | undefined {
  return value === undefined ? undefined : checkString(value, path);
}

export function join(path: string, key: string | number): string {
  if (typeof key === 'number') {
    return `${path}[${key}]`;
  }
  return path === '' ? key : `${path}.${key}`;
}
