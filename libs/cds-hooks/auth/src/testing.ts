// Secondary entry point for tests (`@pcb-cds/cds-hooks-auth/testing`): key pairs, signed and forged client
// JWTs, a local JWKS server. Not exported from index.ts: production code must never mint tokens.
export { hmacToken, unsignedToken } from './testing/forged-tokens';
export { startJwksTestServer } from './testing/jwks-test-server';
export type { JwksTestServer } from './testing/jwks-test-server';
export { TestCdsClient, testClaims } from './testing/test-cds-client';
