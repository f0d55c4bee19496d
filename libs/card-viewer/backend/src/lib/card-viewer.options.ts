import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { accessTokenDigest } from './access-token';
import { isServiceId } from './cds-service-path';
import type { ViewerSigner } from './viewer-signer';

/** When the CDS service requires client JWTs, the viewer signs its hook calls with a key of its own. */
export interface CardViewerSigningOptions {
  /**
   * The tokens' `iss`: the identity under which the CDS service's trusted-clients configuration lists the viewer,
   * with `jwksUrl` = the viewer's `/viewer/.well-known/jwks.json` (e.g. `http://localhost:3000/viewer`).
   */
  issuer: string;
  /** How long a token is valid; default 300 s (the calls are made at once, a short life limits replay). */
  tokenLifetimeSeconds?: number;
  /**
   * The CDS service's public base URL when it checks `aud` against one (CdsClientAuthModule's `publicBaseUrl`)
   * while the proxy calls it at another address (its own loopback port). Default: the URL the proxy calls.
   */
  audienceBaseUrl?: string;
  /**
   * A key pair made beforehand (`await ViewerSigner.create()`), so the app can also pin its public keys
   * (`signer.jwks()`) in the trusted-clients configuration in-process. Default: one made at start-up.
   */
  signer?: ViewerSigner;
}

export interface ResolvedSigningOptions {
  issuer: string;
  tokenLifetimeSeconds: number;
  audienceBaseUrl?: string;
  signer?: ViewerSigner;
}

export interface CardViewerOptions {
  /** The built page (index.html, viewer.css, js/): `nx build card-viewer` writes it to dist/apps/card-viewer/public. */
  staticDir: string;
  /** The FHIR server the hooks name as `fhirServer` (the address the CDS service uses). */
  fhirBaseUrl: string;
  /** Where the browser reaches the same FHIR server, when that differs (e.g. inside docker-compose); default fhirBaseUrl. */
  browserFhirBaseUrl?: string;
  /**
   * Base URL of the CDS service the proxy calls (`{cdsBaseUrl}/cds-services/...`). Default: this very server,
   * reached at the local address and port the browser's request came in on. A function is read per call, for
   * a base only known after `listen()`.
   */
  cdsBaseUrl?: string | (() => string);
  /** Present: hook calls and feedback are signed (ES384 JWT). Absent: forwarded unsigned. */
  signing?: CardViewerSigningOptions;
  /** Deadline of one proxied call; default 30 s (a hook call has its own, shorter prefetch deadline). */
  proxyTimeoutMs?: number;
  /**
   * The viewer's own credential, set by the operator (the app's CARD_VIEWER_TOKEN), at least 32 characters. Set:
   * /viewer/config.json and /viewer/api/** answer 401 without `Authorization: Bearer <it>`. Required with
   * `signing`: a viewer that signs its calls would otherwise sign them for anyone who can reach it.
   */
  accessToken?: string;
  /** The CDS services the proxy calls (their ids); any other id → 404. Required with `signing`. Default: any. */
  serviceIds?: readonly string[];
  /**
   * The origin browsers load the page from when it is not the request's Host (a reverse proxy that rewrites
   * it; e.g. PUBLIC_BASE_URL). A request whose Origin is neither → 403.
   */
  publicOrigin?: string;
}

/** The options after checking, as the module's classes read them. */
export interface ResolvedCardViewerOptions {
  staticDir: string;
  /** False when index.html is missing: the page answers 503 with how to build it, the CDS service still runs. */
  staticDirReady: boolean;
  fhirBaseUrl: string;
  browserFhirBaseUrl: string;
  cdsBaseUrl?: () => string;
  signing?: ResolvedSigningOptions;
  proxyTimeoutMs: number;
  /** SHA-256 of the access token (the token itself is not kept); undefined = no credential asked. */
  accessTokenDigest?: Buffer;
  serviceIds?: ReadonlySet<string>;
  /** `scheme://host[:port]` only. */
  publicOrigin?: string;
}

export const CARD_VIEWER_OPTIONS = Symbol('CARD_VIEWER_OPTIONS');

export const DEFAULT_TOKEN_LIFETIME_SECONDS = 300;
export const DEFAULT_PROXY_TIMEOUT_MS = 30_000;
/** 32 characters: e.g. `openssl rand -base64 32` gives 44; short enough to type, too long to guess. */
export const MIN_ACCESS_TOKEN_LENGTH = 32;

/** Checks the options once, at start-up: a wrong URL is an error naming the option, not a broken page later. */
export function resolveCardViewerOptions(options: CardViewerOptions): ResolvedCardViewerOptions {
  if (!isAbsolute(options.staticDir)) {
    throw new Error(`CardViewerModule: staticDir must be an absolute path (got ${options.staticDir})`);
  }
  const fhirBaseUrl = httpUrl(options.fhirBaseUrl, 'fhirBaseUrl');
  const { cdsBaseUrl, signing } = options;
  if (signing) {
    httpUrl(signing.issuer, 'signing.issuer');
  }
  const audienceBaseUrl = signing?.audienceBaseUrl === undefined ? undefined : httpUrl(signing.audienceBaseUrl, 'signing.audienceBaseUrl');
  const lifetime = signing?.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
  if (!Number.isInteger(lifetime) || lifetime <= 0 || lifetime > 3600) {
    throw new Error('CardViewerModule: signing.tokenLifetimeSeconds must be a whole number of seconds, 1 to 3600');
  }
  const timeout = options.proxyTimeoutMs ?? DEFAULT_PROXY_TIMEOUT_MS;
  if (!Number.isFinite(timeout) || timeout <= 0) {
    throw new Error('CardViewerModule: proxyTimeoutMs must be a positive number of milliseconds');
  }
  const { accessToken, serviceIds } = options;
  // The messages never quote the token.
  if (accessToken !== undefined && accessToken.length < MIN_ACCESS_TOKEN_LENGTH) {
    throw new Error(`CardViewerModule: accessToken must be at least ${MIN_ACCESS_TOKEN_LENGTH} characters`);
  }
  if (signing && accessToken === undefined) {
    throw new Error('CardViewerModule: signing needs an accessToken (without one the viewer would sign hook calls for anyone)');
  }
  if (signing && !serviceIds?.length) {
    throw new Error('CardViewerModule: signing needs serviceIds (the CDS services the viewer may sign calls for)');
  }
  for (const id of serviceIds ?? []) {
    if (!isServiceId(id)) {
      throw new Error(`CardViewerModule: serviceIds: ${JSON.stringify(id)} is not a CDS service id`);
    }
  }
  return {
    staticDir: options.staticDir,
    staticDirReady: existsSync(join(options.staticDir, 'index.html')),
    fhirBaseUrl,
    browserFhirBaseUrl: options.browserFhirBaseUrl ? httpUrl(options.browserFhirBaseUrl, 'browserFhirBaseUrl') : fhirBaseUrl,
    cdsBaseUrl:
      cdsBaseUrl === undefined
        ? undefined
        : typeof cdsBaseUrl === 'function'
          ? () => httpUrl(cdsBaseUrl(), 'cdsBaseUrl')
          : constant(httpUrl(cdsBaseUrl, 'cdsBaseUrl')),
    signing: signing ? { issuer: signing.issuer, tokenLifetimeSeconds: lifetime, audienceBaseUrl, signer: signing.signer } : undefined,
    proxyTimeoutMs: timeout,
    accessTokenDigest: accessToken === undefined ? undefined : accessTokenDigest(accessToken),
    serviceIds: serviceIds ? new Set(serviceIds) : undefined,
    publicOrigin: options.publicOrigin === undefined ? undefined : new URL(httpUrl(options.publicOrigin, 'publicOrigin')).origin,
  };
}

/** An absolute http(s) URL without a trailing slash (paths are appended to it). */
function httpUrl(value: string, option: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`CardViewerModule: ${option} must be an absolute URL (got ${JSON.stringify(value)})`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`CardViewerModule: ${option} must be an http or https URL (got ${JSON.stringify(value)})`);
  }
  return value.replace(/\/+$/, '');
}

function constant(value: string): () => string {
  return () => value;
}
