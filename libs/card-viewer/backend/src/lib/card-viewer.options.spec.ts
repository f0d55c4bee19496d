import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveCardViewerOptions } from './card-viewer.options';

const built = mkdtempSync(join(tmpdir(), 'viewer-options-'));
writeFileSync(join(built, 'index.html'), '<!doctype html>');
const base = { staticDir: built, fhirBaseUrl: 'http://127.0.0.1:8081/fhir/' };
const ACCESS_TOKEN = 'viewer-access-token-for-tests-0123456789';
const access = { accessToken: ACCESS_TOKEN, serviceIds: ['pcb-evaluation'] };

describe('resolveCardViewerOptions', () => {
  it('drops trailing slashes, defaults the browser FHIR URL, the lifetime and the deadline', () => {
    const resolved = resolveCardViewerOptions({ ...base, signing: { issuer: 'http://localhost:3000/viewer' }, ...access });
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

  it('keeps the access token as its digest only, the service ids as a set, the public origin as an origin', () => {
    const resolved = resolveCardViewerOptions({ ...base, ...access, publicOrigin: 'https://cds.example.org/pcb/' });
    expect(resolved.accessTokenDigest).toHaveLength(32);
    expect(JSON.stringify(resolved)).not.toContain(ACCESS_TOKEN);
    expect(resolved.serviceIds).toEqual(new Set(['pcb-evaluation']));
    expect(resolved.publicOrigin).toBe('https://cds.example.org');
  });

  it('never quotes a refused access token', () => {
    expect(() => resolveCardViewerOptions({ ...base, accessToken: 'too-short-secret' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('too-short-secret') }),
    );
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
    [{ signing: { issuer: 'viewer' }, ...access }, 'signing.issuer must be an absolute URL'],
    [{ signing: { issuer: 'http://x/viewer', tokenLifetimeSeconds: 0 }, ...access }, 'tokenLifetimeSeconds'],
    [
      { signing: { issuer: 'http://x/viewer', audienceBaseUrl: 'cds.example.org' }, ...access },
      'signing.audienceBaseUrl must be an absolute URL',
    ],
    [{ proxyTimeoutMs: -1 }, 'proxyTimeoutMs'],
    [{ signing: { issuer: 'http://x/viewer' }, serviceIds: ['pcb-evaluation'] }, 'signing needs an accessToken'],
    [{ signing: { issuer: 'http://x/viewer' }, accessToken: ACCESS_TOKEN }, 'signing needs serviceIds'],
    [{ signing: { issuer: 'http://x/viewer' }, accessToken: ACCESS_TOKEN, serviceIds: [] }, 'signing needs serviceIds'],
    [{ accessToken: 'short-token' }, 'accessToken must be at least 32 characters'],
    [{ serviceIds: ['../admin'] }, 'is not a CDS service id'],
    [{ publicOrigin: 'cds.example.org' }, 'publicOrigin must be an absolute URL'],
  ])('refuses %j', (override, message) => {
    expect(() => resolveCardViewerOptions({ ...base, ...override })).toThrow(message);
  });
});
