import { canonicalFhirBase, FhirServerAllowlist } from './fhir-server-allowlist';

describe('FhirServerAllowlist', () => {
  const list = FhirServerAllowlist.of(['https://EHR.example.org/fhir/', 'http://127.0.0.1:8081/fhir', 'https://tenant.example.com']);

  it.each([
    ['the entry itself', 'https://ehr.example.org/fhir', 'https://ehr.example.org/fhir'],
    ['with a trailing slash', 'https://ehr.example.org/fhir/', 'https://ehr.example.org/fhir'],
    ['with several trailing slashes', 'https://ehr.example.org/fhir//', 'https://ehr.example.org/fhir'],
    ['with another host case', 'https://EHR.Example.ORG/fhir', 'https://ehr.example.org/fhir'],
    ['with the default port written out', 'https://ehr.example.org:443/fhir', 'https://ehr.example.org/fhir'],
    ['with a trailing dot on the host', 'https://ehr.example.org./fhir', 'https://ehr.example.org/fhir'],
    ['below the entry path', 'https://ehr.example.org/fhir/r4/tenant-a', 'https://ehr.example.org/fhir/r4/tenant-a'],
    ['with a percent-encoded unreserved character', 'https://ehr.example.org/%66hir', 'https://ehr.example.org/fhir'],
    ['a dot segment that resolves inside the entry', 'https://ehr.example.org/fhir/x/../r4', 'https://ehr.example.org/fhir/r4'],
    ['the loopback sandbox', 'http://127.0.0.1:8081/fhir', 'http://127.0.0.1:8081/fhir'],
    ['the loopback sandbox written as a decimal IPv4', 'http://2130706433:8081/fhir', 'http://127.0.0.1:8081/fhir'],
    ['any path of an entry without one', 'https://tenant.example.com/any/fhir', 'https://tenant.example.com/any/fhir'],
  ])('allows %s', (_name, fhirServer, baseUrl) => {
    expect(list.check(fhirServer)).toEqual({ allowed: true, baseUrl });
  });

  it.each([
    ['another host', 'https://evil.example.org/fhir'],
    ['a host that only ends like an allowed one', 'https://notehr.example.org/fhir'],
    ['an allowed host as a subdomain of another', 'https://ehr.example.org.evil.example/fhir'],
    ['another scheme', 'http://ehr.example.org/fhir'],
    ['another port', 'https://ehr.example.org:8443/fhir'],
    ['another port of the loopback', 'http://127.0.0.1:8082/fhir'],
    ['localhost for 127.0.0.1 (names are not resolved)', 'http://localhost:8081/fhir'],
    ['a path that only starts like the entry', 'https://ehr.example.org/fhirx'],
    ['a path above the entry', 'https://ehr.example.org/'],
    ['dot segments walking out of the entry', 'https://ehr.example.org/fhir/../admin'],
    ['encoded dot segments walking out of the entry', 'https://ehr.example.org/fhir/%2e%2e/admin'],
    ['an encoded slash', 'https://ehr.example.org/fhir%2F..%2Fadmin'],
    ['userinfo before an allowed host', 'https://evil.example@ehr.example.org/fhir'],
    ['an allowed host as userinfo', 'https://ehr.example.org@evil.example/fhir'],
    ['an allowed host as userinfo with a password', 'https://ehr.example.org:443@evil.example/fhir'],
    ['empty userinfo', 'https://@ehr.example.org/fhir'],
    ['a backslash (parsed as a slash)', 'https://evil.example\\@ehr.example.org/fhir'],
    ['a tab inside the host (dropped by URL parsing)', 'https://ehr.exam\tple.org/fhir'],
    ['a newline', 'https://ehr.example.org/fhir\n'],
    ['a leading space', ' https://ehr.example.org/fhir'],
    ['a query', 'https://ehr.example.org/fhir?x=1'],
    ['an empty query', 'https://ehr.example.org/fhir?'],
    ['a fragment', 'https://ehr.example.org/fhir#x'],
    ['no authority slashes (parsed as a host anyway)', 'https:ehr.example.org/fhir'],
    ['a relative URL', '/fhir'],
    ['another protocol', 'ftp://ehr.example.org/fhir'],
    ['a file URL', 'file:///etc/passwd'],
    ['a javascript URL', 'javascript:alert(1)'],
    ['not a URL', 'not a url'],
    ['an empty string', ''],
    ['a very long URL', `https://ehr.example.org/fhir/${'a'.repeat(3000)}`],
  ])('refuses %s', (_name, fhirServer) => {
    expect(list.check(fhirServer)).toEqual({ allowed: false });
  });

  it('an empty list allows nothing', () => {
    expect(FhirServerAllowlist.of([]).check('https://ehr.example.org/fhir')).toEqual({ allowed: false });
    expect(FhirServerAllowlist.of([]).restricted).toBe(true);
  });

  it('unrestricted allows any well-formed server, canonicalised, and still refuses tricks', () => {
    const any = FhirServerAllowlist.unrestricted();
    expect(any.restricted).toBe(false);
    expect(any.check('http://Anywhere.example:80/fhir/')).toEqual({ allowed: true, baseUrl: 'http://anywhere.example/fhir' });
    expect(any.check('http://user@anywhere.example/fhir')).toEqual({ allowed: false });
  });

  it.each([
    ['http://user:pw@ehr.example.org/fhir', /fhirServerAllowlist\[0\].*credentials/],
    ['ehr.example.org/fhir', /absolute http\(s\) URL/],
    ['https://ehr.example.org/fhir?tenant=1', /query/],
    ['ftp://ehr.example.org/fhir', /absolute http\(s\) URL/],
  ])('refuses the configuration entry %j, naming it', (entry, message) => {
    expect(() => FhirServerAllowlist.of([entry])).toThrow(message);
  });

  it('refuses a configuration that is not an array', () => {
    expect(() => FhirServerAllowlist.of('https://ehr.example.org/fhir' as unknown as string[])).toThrow(/array/);
  });

  it('canonical IPv6 hosts compare equal however they are written', () => {
    const v6 = FhirServerAllowlist.of(['http://[::1]:8081/fhir']);
    expect(v6.check('http://[0:0:0:0:0:0:0:1]:8081/fhir')).toEqual({ allowed: true, baseUrl: 'http://[::1]:8081/fhir' });
    expect(canonicalFhirBase('http://[::1]:8081/fhir')).toMatchObject({ origin: 'http://[::1]:8081', segments: ['fhir'] });
  });
});
