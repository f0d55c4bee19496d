// What other projects use of the CDS Hooks API; everything else stays inside the library.
export { CdsHooksApiModule } from './lib/cds-hooks-api.module';
export type { CdsHooksApiAsyncOptions, CdsHooksApiOptions } from './lib/cds-hooks-api.options';
export { configureCdsHooksHttp } from './lib/configure-cds-hooks-http';
export type { CdsHooksHttpOptions } from './lib/configure-cds-hooks-http';
export { CDS_CLIENT_GUARD } from './lib/cds-client-guard';
export { OperationOutcomeException } from './lib/operation-outcome.exception';
export { substitutePrefetchTokens } from './lib/substitute-prefetch-tokens';
export { buildPrefetch } from './lib/build-prefetch';
