import { fail } from './config-checks';

// Plain http is accepted only on the loopback interface (local tests, a sidecar); anything that
// crosses a network must be https, or a man in the middle could serve his own keys.
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A JWK Set URL (`jwksUrl`, a `jkuAllowlist` entry): absolute, https (http only on loopback), no
 * credentials, no fragment. Returned unchanged: `jku` headers are compared with it as exact strings.
 */
export function validateKeySetUrl(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '') {
    fail(path, 'must be a non-empty string');
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    fail(path, 'must be an absolute URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
    fail(path, 'must be an https URL (http only for localhost/127.0.0.1/[::1])');
  }
  if (url.username !== '' || url.password !== '') {
    fail(path, 'must not contain credentials');
  }
  if (url.hash !== '') {
    fail(path, 'must not contain a fragment');
  }
  return value;
}
