/**
 * Where used token ids are remembered. JtiReplayCache (in memory, per process) by default; a shared store
 * (Redis) when several replicas serve one audience. `use` must be atomic: of two concurrent uses of one
 * (iss, jti), exactly one gets true. A store that cannot answer throws; the token is then refused.
 */
export interface JtiReplayStore {
  use(iss: string, jti: string, expiresAtMs: number): boolean | Promise<boolean>;
}
