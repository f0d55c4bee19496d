/** Tunables of the JWT checks; every one has a default that follows CDS Hooks 2.0's advice. */
export interface CdsClientJwtVerifierOptions {
  /** Tolerated clock difference with the client, for exp/iat/nbf; default 60 s. */
  clockSkewSeconds?: number;
  /** Largest accepted `exp - iat`; default 300 s (the spec: "no more than 5 minutes"). */
  maxTokenLifetimeSeconds?: number;
  /** Deadline for fetching a remote JWK Set (whole request, not just idle time); default 3 s. */
  jwksTimeoutMs?: number;
  /** Least time between two fetches of one JWK Set when an unknown kid shows up; default 30 s. */
  jwksCooldownMs?: number;
  /** How long a fetched JWK Set is used before it is fetched again; default 10 min. */
  jwksCacheMaxAgeMs?: number;
  /** Bound of the jti replay memory; default 100 000 entries. */
  replayCacheMaxEntries?: number;
  /** The current time in ms since the epoch; tests pin it. Default Date.now. */
  now?: () => number;
}

export type ResolvedVerifierOptions = Required<CdsClientJwtVerifierOptions>;

export const DEFAULT_VERIFIER_OPTIONS: Readonly<Omit<ResolvedVerifierOptions, 'now'>> = {
  clockSkewSeconds: 60,
  maxTokenLifetimeSeconds: 300,
  jwksTimeoutMs: 3_000,
  jwksCooldownMs: 30_000,
  jwksCacheMaxAgeMs: 600_000,
  replayCacheMaxEntries: 100_000,
};

/** Defaults filled in; a negative, non-finite or (where it matters) zero value is a start-up error. */
export function resolveVerifierOptions(options: CdsClientJwtVerifierOptions = {}): ResolvedVerifierOptions {
  const resolved: ResolvedVerifierOptions = { ...DEFAULT_VERIFIER_OPTIONS, now: Date.now };
  for (const [key, value] of Object.entries(options) as Array<[keyof CdsClientJwtVerifierOptions, unknown]>) {
    if (value !== undefined) {
      (resolved as unknown as Record<string, unknown>)[key] = value;
    }
  }
  const zeroAllowed: Array<keyof ResolvedVerifierOptions> = ['clockSkewSeconds', 'jwksCooldownMs'];
  for (const key of Object.keys(DEFAULT_VERIFIER_OPTIONS) as Array<keyof typeof DEFAULT_VERIFIER_OPTIONS>) {
    const value = resolved[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (value === 0 && !zeroAllowed.includes(key))) {
      throw new RangeError(`${key} must be a ${zeroAllowed.includes(key) ? 'non-negative' : 'positive'} number`);
    }
  }
  if (!Number.isInteger(resolved.replayCacheMaxEntries)) {
    throw new RangeError('replayCacheMaxEntries must be an integer');
  }
  if (typeof resolved.now !== 'function') {
    throw new TypeError('now must be a function');
  }
  return resolved;
}
