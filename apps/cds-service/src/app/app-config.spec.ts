import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, loadGuidelineConfiguration, nestLogLevels } from './app-config';

describe('environment configuration', () => {
  it('defaults: port 3000, embedded sandbox, US', () => {
    expect(loadConfig({})).toMatchObject({
      port: 3000,
      sandboxPort: 8081,
      fhirBaseUrl: undefined,
      jurisdiction: undefined,
      prefetchTimeoutMs: 5000,
    });
  });

  it('reads every variable', () => {
    expect(
      loadConfig({
        PORT: '8080',
        FHIR_BASE_URL: 'http://fhir:8080/fhir/',
        PCB_JURISDICTION: 'uk',
        PREFETCH_TIMEOUT_MS: '2000',
        PCB_EVALUATION_DATE: '2026-01-31',
      }),
    ).toMatchObject({
      port: 8080,
      fhirBaseUrl: 'http://fhir:8080/fhir',
      jurisdiction: 'UK',
      prefetchTimeoutMs: 2000,
      evaluationDate: '2026-01-31',
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PCB_JURISDICTION: 'FR' }, 'PCB_JURISDICTION'],
    [{ FHIR_BASE_URL: 'fhir.example.org' }, 'FHIR_BASE_URL'],
    [{ PREFETCH_TIMEOUT_MS: '0' }, 'PREFETCH_TIMEOUT_MS'],
    [{ PCB_EVALUATION_DATE: '22/11/2026' }, 'PCB_EVALUATION_DATE'],
    [{ LOG_LEVEL: 'chatty' }, 'LOG_LEVEL'],
    [{ PREFETCH_TIMEOUT_MS: '9000', HOOK_DEADLINE_MS: '8000' }, 'HOOK_DEADLINE_MS'],
    [{ RATE_LIMIT_PER_MINUTE: '-1' }, 'RATE_LIMIT_PER_MINUTE'],
  ])('refuses %o, naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });
});

describe('safety settings', () => {
  it('reads the FHIR server allowlist, the hook deadline and the rate limit', () => {
    expect(
      loadConfig({
        FHIR_SERVER_ALLOWLIST: 'https://ehr.example/fhir, https://other.example/r4',
        HOOK_DEADLINE_MS: '9000',
        RATE_LIMIT_PER_MINUTE: '0',
      }),
    ).toMatchObject({
      fhirServerAllowlist: ['https://ehr.example/fhir', 'https://other.example/r4'],
      hookDeadlineMs: 9000,
      rateLimitPerMinute: 0,
    });
  });

  it('bounds FHIR answers: 4 MiB per response and 16 MiB per hook request by default, both settable', () => {
    expect(loadConfig({}).fhirResponseLimits).toEqual({ maxResponseBytes: 4 * 1024 * 1024, maxTotalBytes: 16 * 1024 * 1024 });
    expect(loadConfig({ FHIR_MAX_RESPONSE_BYTES: '1048576', FHIR_MAX_TOTAL_BYTES: '2097152' }).fhirResponseLimits).toEqual({
      maxResponseBytes: 1048576,
      maxTotalBytes: 2097152,
    });
    expect(loadConfig({ FHIR_MAX_RESPONSE_BYTES: String(32 * 1024 * 1024) }).fhirResponseLimits.maxTotalBytes).toBe(32 * 1024 * 1024);
    expect(() => loadConfig({ FHIR_MAX_RESPONSE_BYTES: '2048', FHIR_MAX_TOTAL_BYTES: '1024' })).toThrow('FHIR_MAX_TOTAL_BYTES');
    expect(() => loadConfig({ FHIR_MAX_RESPONSE_BYTES: '10' })).toThrow('FHIR_MAX_RESPONSE_BYTES');
  });

  it('keeps the hook deadline above a raised prefetch deadline', () => {
    expect(loadConfig({ PREFETCH_TIMEOUT_MS: '9000' }).hookDeadlineMs).toBe(12000);
    expect(loadConfig({}).hookDeadlineMs).toBe(8000);
  });
});

describe('log levels', () => {
  it.each([
    [undefined, ['fatal', 'error', 'warn', 'log']],
    ['warn', ['fatal', 'error', 'warn']],
    ['DEBUG', ['fatal', 'error', 'warn', 'log', 'debug']],
  ])('LOG_LEVEL=%s → %o', (value, levels) => {
    expect(nestLogLevels(loadConfig(value === undefined ? {} : { LOG_LEVEL: value }).logLevel)).toEqual(levels);
  });
});

describe('FAST_HOOK_ROUTE', () => {
  it.each([
    [{}, true],
    [{ FAST_HOOK_ROUTE: 'on' }, true],
    [{ FAST_HOOK_ROUTE: 'off' }, false],
  ])('%o → %p', (env, expected) => {
    expect(loadConfig(env).fastHookRoute).toBe(expected);
  });

  it.each(['yes', 'false', 'OFF'])('refuses %s', (value) => {
    expect(() => loadConfig({ FAST_HOOK_ROUTE: value })).toThrow(ConfigError);
    expect(() => loadConfig({ FAST_HOOK_ROUTE: value })).toThrow('FAST_HOOK_ROUTE must be on or off');
  });
});

describe('card viewer location', () => {
  it('reads CARD_VIEWER_DIR and CARD_VIEWER_FHIR_URL', () => {
    expect(loadConfig({ CARD_VIEWER_DIR: '/srv/viewer', CARD_VIEWER_FHIR_URL: 'http://localhost:8080/fhir' }).cardViewer).toMatchObject({
      staticDir: '/srv/viewer',
      browserFhirBaseUrl: 'http://localhost:8080/fhir',
    });
    expect(loadConfig({}).cardViewer.staticDir).toBeUndefined();
  });

  it.each([
    [{ CARD_VIEWER_DIR: 'dist/viewer' }, 'CARD_VIEWER_DIR'],
    [{ CARD_VIEWER_FHIR_URL: 'localhost:8080/fhir' }, 'CARD_VIEWER_FHIR_URL'],
  ])('refuses %o, naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });
});

describe('guideline configuration file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pcb-config-'));
  const file = (name: string, content: string): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it('applies the file, and PCB_JURISDICTION wins over it', () => {
    const configFile = file('ok.json', JSON.stringify({ jurisdiction: 'UK', parameters: { lookbackDays: 60 } }));
    expect(loadGuidelineConfiguration({ configFile }).parameters).toMatchObject({ jurisdiction: 'UK', lookbackDays: 60 });
    expect(loadGuidelineConfiguration({ configFile, jurisdiction: 'US' }).parameters).toMatchObject({
      jurisdiction: 'US',
      lookbackDays: 60,
    });
  });

  it('refuses to start on a bad key, naming it and the file', () => {
    const configFile = file('bad.json', JSON.stringify({ parameters: { lookbackDayz: 60 } }));
    expect(() => loadGuidelineConfiguration({ configFile })).toThrow(`${configFile}: parameters.lookbackDayz is not a guideline parameter`);
  });

  it('refuses a file that is not JSON or does not exist', () => {
    expect(() => loadGuidelineConfiguration({ configFile: file('broken.json', '{ nope') })).toThrow(ConfigError);
    expect(() => loadGuidelineConfiguration({ configFile: join(dir, 'missing.json') })).toThrow('PCB_CONFIG_FILE');
  });
});

describe('TRUST_PROXY', () => {
  it.each([
    [{}, undefined],
    [{ TRUST_PROXY: '1' }, 1],
    [{ TRUST_PROXY: 'loopback, 10.0.0.0/8' }, 'loopback,10.0.0.0/8'],
    [{ TRUST_PROXY: '::1' }, '::1'],
  ])('%o → %p', (env, expected) => {
    expect(loadConfig(env).trustProxy).toEqual(expected);
  });

  it.each(['true', '*', 'proxy.example.org'])('refuses %s (a client could name any address)', (value) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow('TRUST_PROXY');
  });
});
