import type { AuthFailureCounter, CdsClientAuthSharedState } from './auth-failure.counter';
import type { CdsClientJwtVerifierOptions } from './cds-client-jwt-verifier.options';
import type { TrustedClientsConfig } from './trusted-clients.config';

export type CdsClientAuthMode = 'on' | 'off';

export interface CdsClientAuthOptions extends CdsClientJwtVerifierOptions {
  /** `on`: every /cds-services call needs a valid client JWT. `off`: no checks (local demos only). */
  mode: CdsClientAuthMode;
  /** Required when mode is `on`; e.g. from loadTrustedClientsConfig(file). */
  trustedClients?: TrustedClientsConfig;
  /**
   * The service's public base URL (scheme, host, optional path prefix; e.g. `https://cds.example.org`): the
   * expected `aud` is this + the request path. With mode `on`, this or `acceptedAudienceBaseUrls` is required:
   * the audience is never rebuilt from the request's Host header, which the caller chooses.
   */
  publicBaseUrl?: string;
  /**
   * Further base URLs a token's `aud` may name (+ the request path), e.g. when EHRs reach the service under
   * two names. Same form as `publicBaseUrl`.
   */
  acceptedAudienceBaseUrls?: readonly string[];
  /**
   * Failed authentications allowed per client address per minute; over it → 429 with `Retry-After`. Counted
   * by address, never by the claimed issuer (anyone can claim a trusted EHR's `iss`). 0 = no limit.
   * Default {@link DEFAULT_AUTH_FAILURES_PER_MINUTE}.
   */
  authFailuresPerMinute?: number;
  /** Replay cache and failed-authentication counts shared by replicas (e.g. Redis); default in memory, per process. */
  sharedState?: CdsClientAuthSharedState;
}

/**
 * Enough for a misconfigured but honest EHR to show up in the logs many times a minute, far too few to
 * try tokens or keys at any useful rate.
 */
export const DEFAULT_AUTH_FAILURES_PER_MINUTE = 30;

/** What the guard reads at run time. */
export interface CdsClientAuthSettings {
  mode: CdsClientAuthMode;
  /** The base URLs a token's `aud` may name (+ path); never empty when mode is `on`. */
  audienceBaseUrls: readonly string[];
  /** 0 = no limit. */
  authFailuresPerMinute: number;
  /** A shared failed-authentication counter; default AuthFailureLimiter (in memory). */
  authFailureCounter?: (limitPerMinute: number) => AuthFailureCounter;
}

export const CDS_CLIENT_AUTH_SETTINGS = Symbol('CDS_CLIENT_AUTH_SETTINGS');

/** Checks the options that are not the verifier's; errors name the option. */
export function resolveAuthSettings(options: CdsClientAuthOptions): CdsClientAuthSettings {
  if (options.mode !== 'on' && options.mode !== 'off') {
    throw new Error(`CdsClientAuthModule: mode must be 'on' or 'off'`);
  }
  if (options.mode === 'on' && options.trustedClients === undefined) {
    throw new Error(`CdsClientAuthModule: trustedClients is required when mode is 'on'`);
  }
  const audienceBaseUrls = [
    ...(options.publicBaseUrl === undefined ? [] : [checkBaseUrl(options.publicBaseUrl, 'publicBaseUrl')]),
    ...(options.acceptedAudienceBaseUrls ?? []).map((url, i) => checkBaseUrl(url, `acceptedAudienceBaseUrls[${i}]`)),
  ];
  if (options.mode === 'on' && audienceBaseUrls.length === 0) {
    throw new Error(
      `CdsClientAuthModule: publicBaseUrl (or acceptedAudienceBaseUrls) is required when mode is 'on': ` +
        `the JWT aud must be checked against the service's own URL, never against the request's Host header`,
    );
  }
  const authFailuresPerMinute = options.authFailuresPerMinute ?? DEFAULT_AUTH_FAILURES_PER_MINUTE;
  if (!Number.isInteger(authFailuresPerMinute) || authFailuresPerMinute < 0) {
    throw new Error('CdsClientAuthModule: authFailuresPerMinute must be a non-negative integer (0 = no limit)');
  }
  return {
    mode: options.mode,
    audienceBaseUrls: [...new Set(audienceBaseUrls)],
    authFailuresPerMinute,
    ...(options.sharedState ? { authFailureCounter: options.sharedState.authFailures } : {}),
  };
}

function checkBaseUrl(value: unknown, name: string): string {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw new Error(`CdsClientAuthModule: ${name} must be an absolute URL`);
  }
  if (
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.search !== '' ||
    url.hash !== '' ||
    url.username !== '' ||
    url.password !== ''
  ) {
    throw new Error(`CdsClientAuthModule: ${name} must be an http(s) URL without credentials, query or fragment`);
  }
  return String(value).replace(/\/+$/, '');
}
