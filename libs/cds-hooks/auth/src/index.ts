export type { CdsClientAuthSharedState } from './lib/auth-failure.counter';
export { CdsClientAuthModule } from './lib/cds-client-auth.module';
export { resolveAuthSettings } from './lib/cds-client-auth.options';
export type { CdsClientAuthOptions } from './lib/cds-client-auth.options';
export { TrustedClientsConfigError } from './lib/trusted-clients-config.error';
export { loadTrustedClientsConfig, parseTrustedClientsConfig } from './lib/trusted-clients.config';
export type { TrustedClientConfig, TrustedClientsConfig } from './lib/trusted-clients.config';
// The extension points the README names: what a shared-state adapter implements, and how a handler reads the
// authenticated client.
export type { AuthFailureCounter } from './lib/auth-failure.counter';
export type { JtiReplayStore } from './lib/jti-replay.store';
export { cdsClientOf } from './lib/verified-client';
export type { VerifiedClient } from './lib/verified-client';
