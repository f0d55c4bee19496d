import type { CdsClientJwtVerifierOptions } from './cds-client-jwt-verifier.options';
import type { TrustedClientsConfig } from './trusted-clients.config';

export type CdsClientAuthMode = 'on' | 'off';

export interface CdsClientAuthOptions extends CdsClientJwtVerifierOptions {
  /** `on`: every /cds-services call needs a valid client JWT. `off`: no checks (local demos only). */
  mode: CdsClientAuthMode;
  /** Required when mode is `on`; e.g. from loadTrustedClientsConfig(file). */
  trustedClients?: TrustedClientsConfig;
  /**
   * The service's public base URL (scheme, host, optional path prefix; e.g. `https://cds.example.org`) when
   * it runs behind a proxy: the expected `aud` is this + the request path. Without it, the request's
   * protocol and Host header are used, and a caller choosing the Host header could present a token
   * issued for another service at that host.
   */
  publicBaseUrl?: string;
}

/** What the guard reads at run time. */
export interface CdsClientAuthSettings {
  mode: CdsClientAuthMode;
  publicBaseUrl?: string;
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
  if (options.publicBaseUrl === undefined) {
    return { mode: options.mode };
  }
  let url: URL;
  try {
    url = new URL(options.publicBaseUrl);
  } catch {
    throw new Error('CdsClientAuthModule: publicBaseUrl must be an absolute URL');
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search !== '' || url.hash !== '' || url.username !== '') {
    throw new Error('CdsClientAuthModule: publicBaseUrl must be an http(s) URL without credentials, query or fragment');
  }
  return { mode: options.mode, publicBaseUrl: options.publicBaseUrl };
}
