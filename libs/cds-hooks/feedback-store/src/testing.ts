// Secondary entry point for tests (`@pcb-cds/cds-hooks-feedback-store/testing`): a test PostgreSQL, and a proxy
// to take it away and give it back. Not exported from index.ts.
export { startTcpProxy } from './testing/tcp-proxy';
export type { TcpProxy } from './testing/tcp-proxy';
export { dropSchema, findTestPostgres, randomSchemaName } from './testing/test-postgres';
