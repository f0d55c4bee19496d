// Secondary entry point for tests (`@pcb-cds/cds-hooks-auth/testing`): key pairs, signed and forged client
// JWTs, a local JWKS server. Not exported from index.ts: production code must never mint tokens.
export * from './testing/forged-tokens';
export * from './testing/jwks-test-server';
export * from './testing/test-cds-client';
