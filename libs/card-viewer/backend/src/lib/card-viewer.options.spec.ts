import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveCardViewerOptions } from './card-viewer.options';

const built = mkdtempSync(join(tmpdir(), 'viewer-options-'));
writeFileSync(join(built, 'index.html'), '<!doctype html>');
const base = { staticDir: built, fhirBaseUrl: 'http://127.0.0.1:8081/fhir/' };

describe('resolveCardViewerOptions', () => {
  it('drops trailing slashes, defaults the browser FHIR URL, the lifetime and the deadline', () => {
    const resolved = resolveCardViewerOptions({ ...base, signing: { issuer: 'http://localhost:3000/viewer' } });
    expect(resolved).toMatchObject({
      staticDirReady: true,
      fhirBaseUrl: 'http://127.0.0.1:8081/fhir',
      browserFhirBaseUrl: 'http://127.0.0.1:8081/fhir',
      signing: { issuer: 'http://localhost:3000/viewer', tokenLifetimeSeconds: 300, audienceBaseUrl: undefined, signer: undefined },
      proxyTimeoutMs: 30_000,
    });
    expect(resolved.cdsBaseUrl).toBeUndefined();
  });

  it('reads a cdsBaseUrl function per call (a base known only after listen)', () => {
    let base2 = 'http://127.0.0.1:1/';
    const resolved = resolveCardViewerOptions({ ...base, cdsBaseUrl: () => base2 });
    base2 = 'http://127.0.0.1:2';
    expect(resolved.cdsBaseUrl?.()).toBe('http://127.0.0.1:2');
  });

  it('reports a page that was not built instead of failing start-up', () => {
    expect(resolveCardViewerOptions({ ...base, staticDir: join(built, 'missing') }).staticDirReady).toBe(false);
  });

  it.each([
    [{ staticDir: 'relative/dir' }, 'staticDir must be an absolute path'],
    [{ fhirBaseUrl: 'not a url' }, 'fhirBaseUrl must be an absolute URL'],
    [{ fhirBaseUrl: 'file:///etc' }, 'fhirBaseUrl must be an http or https URL'],
    [{ browserFhirBaseUrl: 'javascript:alert(1)' }, 'browserFhirBaseUrl must be an http or https URL'],
    [{ cdsBaseUrl: 'ftp://x' }, 'cdsBaseUrl must be an http or https URL'],
    [{ signing: { issuer: 'viewer' } }, 'signing.issuer must be an absolute URL'],
    [{ signing: { issuer: 'http://x/viewer', tokenLifetimeSeconds: 0 } }, 'tokenLifetimeSeconds'],
    [{ signing: { issuer: 'http://x/viewer', audienceBaseUrl: 'cds.example.org' } }, 'signing.audienceBaseUrl must be an absolute URL'],
    [{ proxyTimeoutMs: -1 }, 'proxyTimeoutMs'],
  ])('refuses %j', (override, message) => {
    expect(() => resolveCardViewerOptions({ ...base, ...override })).toThrow(message);
  });
});
