import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { Jurisdiction } from '@pcb-cds/postcoital-bleeding-facts';
import type { GuidelineConfiguration } from '@pcb-cds/postcoital-bleeding-service';
import { buildGuidelineConfiguration, GuidelineConfigurationError } from '@pcb-cds/postcoital-bleeding-service';

/** Everything the service reads from the environment (README "Configuration"). */
export interface AppConfig {
  port: number;
  host: string;
  /** A FHIR server to use; when absent the embedded sandbox starts. */
  fhirBaseUrl?: string;
  sandboxPort: number;
  /** Set only when PCB_JURISDICTION is given; it then wins over the configuration file. */
  jurisdiction?: Jurisdiction;
  /** A guideline configuration file (parameters, indicator map, site codes). */
  configFile?: string;
  prefetchTimeoutMs: number;
  /** Pin the evaluation date (YYYY-MM-DD) for demos and tests; default: today. */
  evaluationDate?: string;
  /** Feedback store: PostgreSQL when set, else an SQLite file. */
  databaseUrl?: string;
  /** The PostgreSQL schema of the feedback tables (DATABASE_SCHEMA; default public), e.g. one per service sharing a database. */
  databaseSchema?: string;
  sqlitePath?: string;
  /**
   * Shared state of a fleet (REDIS_URL, `redis://` or `rediss://`): jti replay cache, rate limits and failed-authentication
   * limits in Redis, shared by every replica. Unset: in memory, per process. REDIS_KEY_PREFIX keeps fleets apart in one Redis.
   */
  redisUrl?: string;
  redisKeyPrefix?: string;
  /** Salt of the patient-id hash in the card ledger; unset → a random per-process salt. */
  patientHashSalt?: string;
  /**
   * CDS client JWT authentication. On unless CDS_AUTH=off; the zero-setup demo (no FHIR_BASE_URL)
   * switches it off for itself, saying so; with FHIR_BASE_URL set only CDS_AUTH=off does.
   */
  auth: { mode: 'on' | 'off'; reason: 'default' | 'CDS_AUTH' | 'zero-setup demo' };
  trustedClientsFile: string;
  publicBaseUrl?: string;
  /** Further base URLs a client JWT's aud may name (CDS_ACCEPTED_AUDIENCES); with auth on, this or publicBaseUrl is required. */
  acceptedAudiences: string[];
  /** Failed client authentications per address per minute before 429 (AUTH_FAILURES_PER_MINUTE); 0 = no limit. */
  authFailuresPerMinute: number;
  /** On SIGTERM, how long /ready answers 503 before the listener closes (SHUTDOWN_DRAIN_MS). */
  shutdownDrainMs: number;
  /**
   * Express's `trust proxy` (TRUST_PROXY): the reverse proxies whose X-Forwarded-For names the client, so that
   * per-address limits count clients, not the proxy. Unset: the socket's address.
   */
  trustProxy?: number | string;
  /** FHIR servers the service may contact (besides FHIR_BASE_URL and the embedded sandbox). */
  fhirServerAllowlist: string[];
  /** One deadline for a whole hook call; must exceed the prefetch deadline. */
  hookDeadlineMs: number;
  /** Per client (JWT iss, else address) per minute on /cds-services; 0 = off. */
  rateLimitPerMinute: number;
  /** Byte limits on FHIR answers: per response (FHIR_MAX_RESPONSE_BYTES) and per hook request (FHIR_MAX_TOTAL_BYTES). */
  fhirResponseLimits: { maxResponseBytes: number; maxTotalBytes: number };
  /** Lowest level logged: error, warn, info (default) or debug. */
  logLevel: 'error' | 'warn' | 'info' | 'debug';
  /** The card viewer at /viewer/ (CARD_VIEWER, CARD_VIEWER_TOKEN, CARD_VIEWER_DIR, CARD_VIEWER_FHIR_URL). */
  cardViewer: CardViewerConfig;
  /**
   * FAST_HOOK_ROUTE (on|off, default on): `POST /cds-services/{id}` served by the fast hook route ahead of Nest;
   * off, by the Nest controller route (same answers, more per-request work): a switch for comparing the two.
   */
  fastHookRoute: boolean;
}

/**
 * The card viewer is a demo and evaluation tool: on by default only where client authentication is off. With
 * authentication on it signs hook calls, so it then needs its own credential, the operator's access token.
 */
export interface CardViewerConfig {
  mode: 'on' | 'off';
  reason: 'CARD_VIEWER' | 'client authentication on' | 'client authentication off';
  /** CARD_VIEWER_TOKEN; never logged. Required (≥ 32 characters) when the viewer is on with authentication on. */
  accessToken?: string;
  /** CARD_VIEWER_DIR: the built page (an absolute path); default: `viewer` beside the built service. */
  staticDir?: string;
  /** CARD_VIEWER_FHIR_URL: the FHIR base URL as the browser reaches it, when not as the service does (docker-compose). */
  browserFhirBaseUrl?: string;
}

/** Long enough not to be guessed at any rate the service answers (e.g. `openssl rand -base64 32`: 44 characters). */
export const MIN_CARD_VIEWER_TOKEN_LENGTH = 32;

export class ConfigError extends Error {}

/** The URL is never quoted back: it may carry a password. */
function redisUrl(value: string | undefined): string | undefined {
  if (!value) {
    return undefined;
  }
  if (!/^rediss?:\/\/[^\s]+$/.test(value)) {
    throw new ConfigError('REDIS_URL must be a redis:// or rediss:// URL');
  }
  return value;
}

/** Reads and checks the environment; a bad value stops start-up with the variable's name. */
export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const jurisdiction = env['PCB_JURISDICTION']?.toUpperCase() || undefined;
  if (jurisdiction !== undefined && jurisdiction !== 'US' && jurisdiction !== 'UK') {
    throw new ConfigError(`PCB_JURISDICTION must be US or UK, not "${env['PCB_JURISDICTION']}"`);
  }
  const evaluationDate = env['PCB_EVALUATION_DATE'];
  if (evaluationDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(evaluationDate)) {
    throw new ConfigError('PCB_EVALUATION_DATE must be YYYY-MM-DD');
  }
  const fhirBaseUrl = env['FHIR_BASE_URL']?.replace(/\/+$/, '') || undefined;
  if (fhirBaseUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(fhirBaseUrl)) {
    throw new ConfigError('FHIR_BASE_URL must be an absolute http(s) URL');
  }
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: env['HOST'] ?? '0.0.0.0',
    fhirBaseUrl,
    sandboxPort: integer(env, 'FHIR_SANDBOX_PORT', 8081, 0, 65535),
    jurisdiction,
    configFile: env['PCB_CONFIG_FILE'] || undefined,
    prefetchTimeoutMs: integer(env, 'PREFETCH_TIMEOUT_MS', 5000, 1, 60000),
    evaluationDate,
    databaseUrl: env['DATABASE_URL'] || undefined,
    databaseSchema: env['DATABASE_SCHEMA'] || undefined,
    sqlitePath: env['FEEDBACK_SQLITE_PATH'] || undefined,
    patientHashSalt: env['PATIENT_HASH_SALT'] || undefined,
    redisUrl: redisUrl(env['REDIS_URL']),
    redisKeyPrefix: env['REDIS_KEY_PREFIX'] || undefined,
    auth: authMode(env['CDS_AUTH'], fhirBaseUrl),
    trustedClientsFile: env['CDS_TRUSTED_CLIENTS_FILE'] || 'config/trusted-clients.json',
    publicBaseUrl: env['PUBLIC_BASE_URL']?.replace(/\/+$/, '') || undefined,
    acceptedAudiences: (env['CDS_ACCEPTED_AUDIENCES'] ?? '')
      .split(',')
      .map((u) => u.trim().replace(/\/+$/, ''))
      .filter(Boolean),
    authFailuresPerMinute: integer(env, 'AUTH_FAILURES_PER_MINUTE', 30, 0, 1_000_000),
    shutdownDrainMs: integer(env, 'SHUTDOWN_DRAIN_MS', 5000, 0, 120_000),
    trustProxy: trustProxy(env['TRUST_PROXY']),
    logLevel: logLevel(env['LOG_LEVEL']),
    fhirServerAllowlist: (env['FHIR_SERVER_ALLOWLIST'] ?? '')
      .split(',')
      .map((u) => u.trim())
      .filter(Boolean),
    hookDeadlineMs: deadlines(env).hookDeadlineMs,
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 1200, 0, 1_000_000),
    fhirResponseLimits: fhirResponseLimits(env),
    cardViewer: cardViewer(env, authMode(env['CDS_AUTH'], fhirBaseUrl).mode),
    fastHookRoute: onOff(env, 'FAST_HOOK_ROUTE', true),
  };
}

function onOff(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  if (raw !== 'on' && raw !== 'off') {
    throw new ConfigError(`${name} must be on or off, not "${raw}"`);
  }
  return raw === 'on';
}

/** CARD_VIEWER=on|off (default: on only with authentication off) and its token; the messages never quote the token. */
function cardViewer(env: NodeJS.ProcessEnv, auth: 'on' | 'off'): CardViewerConfig {
  const raw = env['CARD_VIEWER'] || undefined;
  const value = raw === 'on' || raw === 'off' ? raw : undefined;
  if (raw !== value) {
    throw new ConfigError(`CARD_VIEWER must be on or off, not "${raw}"`);
  }
  const accessToken = env['CARD_VIEWER_TOKEN'] || undefined;
  if (accessToken !== undefined && accessToken.length < MIN_CARD_VIEWER_TOKEN_LENGTH) {
    throw new ConfigError(
      `CARD_VIEWER_TOKEN must be at least ${MIN_CARD_VIEWER_TOKEN_LENGTH} characters (e.g. the output of \`openssl rand -base64 32\`)`,
    );
  }
  const mode = value ?? (auth === 'on' ? 'off' : 'on');
  const reason = value !== undefined ? 'CARD_VIEWER' : auth === 'on' ? 'client authentication on' : 'client authentication off';
  if (mode === 'on' && auth === 'on' && accessToken === undefined) {
    throw new ConfigError(
      `CARD_VIEWER=on with client authentication on needs CARD_VIEWER_TOKEN (at least ${MIN_CARD_VIEWER_TOKEN_LENGTH} characters, ` +
        'e.g. the output of `openssl rand -base64 32`): the viewer signs hook calls, so it must not answer anyone without it',
    );
  }
  const staticDir = env['CARD_VIEWER_DIR'] || undefined;
  if (staticDir !== undefined && !isAbsolute(staticDir)) {
    throw new ConfigError(`CARD_VIEWER_DIR must be an absolute path, not "${staticDir}"`);
  }
  const browserFhirBaseUrl = env['CARD_VIEWER_FHIR_URL'] || undefined;
  if (browserFhirBaseUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(browserFhirBaseUrl)) {
    throw new ConfigError('CARD_VIEWER_FHIR_URL must be an absolute http(s) URL');
  }
  return {
    mode,
    reason,
    ...(accessToken !== undefined ? { accessToken } : {}),
    ...(staticDir !== undefined ? { staticDir } : {}),
    ...(browserFhirBaseUrl !== undefined ? { browserFhirBaseUrl } : {}),
  };
}

/** 4 MiB per FHIR response and 16 MiB per hook request by default; the total may not be below one response. */
function fhirResponseLimits(env: NodeJS.ProcessEnv): AppConfig['fhirResponseLimits'] {
  const maxResponseBytes = integer(env, 'FHIR_MAX_RESPONSE_BYTES', 4 * 1024 * 1024, 1024, 1024 * 1024 * 1024);
  const maxTotalBytes = integer(env, 'FHIR_MAX_TOTAL_BYTES', Math.max(16 * 1024 * 1024, maxResponseBytes), 1024, 4 * 1024 * 1024 * 1024);
  if (maxTotalBytes < maxResponseBytes) {
    throw new ConfigError(`FHIR_MAX_TOTAL_BYTES (${maxTotalBytes}) must not be smaller than FHIR_MAX_RESPONSE_BYTES (${maxResponseBytes})`);
  }
  return { maxResponseBytes, maxTotalBytes };
}

/**
 * TRUST_PROXY: a number of proxy hops, or comma-separated proxy addresses/CIDRs (or Express's `loopback`,
 * `linklocal`, `uniquelocal`). Never "trust everyone": a client could then name any address in X-Forwarded-For
 * and escape the per-address limits.
 */
function trustProxy(value: string | undefined): number | string | undefined {
  if (value === undefined || value.trim() === '') {
    return undefined;
  }
  if (/^\d+$/.test(value.trim())) {
    return Number(value.trim());
  }
  const items = value.split(',').map((item) => item.trim());
  if (items.some((item) => !/^(loopback|linklocal|uniquelocal|[0-9A-Fa-f:.]+(\/\d{1,3})?)$/.test(item))) {
    throw new ConfigError(
      'TRUST_PROXY must be a number of hops or comma-separated proxy addresses/CIDRs (loopback, linklocal, uniquelocal allowed), not "true"',
    );
  }
  return items.join(',');
}

/** The hook deadline must leave room for the prefetch deadline, so a late FHIR server still answers 412. */
function deadlines(env: NodeJS.ProcessEnv): { hookDeadlineMs: number } {
  const prefetch = integer(env, 'PREFETCH_TIMEOUT_MS', 5000, 1, 60000);
  const hookDeadlineMs = integer(env, 'HOOK_DEADLINE_MS', Math.max(8000, prefetch + 3000), 2, 120000);
  if (hookDeadlineMs <= prefetch) {
    throw new ConfigError(`HOOK_DEADLINE_MS (${hookDeadlineMs}) must be larger than PREFETCH_TIMEOUT_MS (${prefetch})`);
  }
  return { hookDeadlineMs };
}

/** Nest's level names for the configured lowest level. */
export function nestLogLevels(level: AppConfig['logLevel']): ('fatal' | 'error' | 'warn' | 'log' | 'debug')[] {
  const order = ['error', 'warn', 'info', 'debug'] as const;
  const nest = { error: 'error', warn: 'warn', info: 'log', debug: 'debug' } as const;
  return ['fatal', ...order.slice(0, order.indexOf(level) + 1).map((l) => nest[l])];
}

function logLevel(value: string | undefined): AppConfig['logLevel'] {
  const level = (value || 'info').toLowerCase();
  if (level !== 'error' && level !== 'warn' && level !== 'info' && level !== 'debug') {
    throw new ConfigError(`LOG_LEVEL must be error, warn, info or debug, not "${value}"`);
  }
  return level;
}

function authMode(value: string | undefined, fhirBaseUrl: string | undefined): AppConfig['auth'] {
  if (value !== undefined && value !== '') {
    if (value !== 'on' && value !== 'off') {
      throw new ConfigError(`CDS_AUTH must be on or off, not "${value}"`);
    }
    return { mode: value, reason: 'CDS_AUTH' };
  }
  return fhirBaseUrl ? { mode: 'on', reason: 'default' } : { mode: 'off', reason: 'zero-setup demo' };
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, not "${raw}"`);
  }
  return n;
}

/** The guideline configuration: the file (if any) checked key by key, then PCB_JURISDICTION. */
export function loadGuidelineConfiguration(config: Pick<AppConfig, 'configFile' | 'jurisdiction'>): GuidelineConfiguration {
  let file: unknown = {};
  if (config.configFile) {
    try {
      file = JSON.parse(readFileSync(config.configFile, 'utf8'));
    } catch (error) {
      throw new ConfigError(`PCB_CONFIG_FILE ${config.configFile}: ${(error as Error).message}`);
    }
  }
  try {
    return buildGuidelineConfiguration(file, config.jurisdiction);
  } catch (error) {
    if (error instanceof GuidelineConfigurationError) {
      throw new ConfigError(`${config.configFile ?? 'configuration'}: ${error.message}`);
    }
    throw error;
  }
}
