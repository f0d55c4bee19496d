export type { CdsClientAuthSharedState } from './lib/auth-failure.counter';
export { CdsClientAuthModule } from './lib/cds-client-auth.module';
export { resolveAuthSettings } from './lib/cds-client-auth.options';
export type { CdsClientAuthOptions } from './lib/cds-client-auth.options';
export { TrustedClientsConfigError } from './lib/trusted-clients-config.error';
export { loadTrustedClientsConfig, parseTrustedClientsConfig } from './lib/trusted-clients.config';
export type { TrustedClientConfig, TrustedClientsConfig } from './lib/trusted-clients.config';
