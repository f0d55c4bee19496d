import type { CdsHooksApiOptions, CdsHooksRuntimeOptions, RateLimitOptions } from './cds-hooks-api.options';
import { DEFAULT_HOOK_DEADLINE_MS, DEFAULT_PREFETCH_TIMEOUT_MS, DEFAULT_RATE_LIMIT } from './cds-hooks-api.options';
import { checkResponseLimits } from '@pcb-cds/fhir-client';
import { FhirServerAllowlist } from './fhir-server-allowlist';

/**
 * The module options, defaulted and checked once at start-up: a bad value stops the app with a message naming
 * the option, rather than surfacing as odd behaviour under load.
 */
export function toRuntimeOptions(options: Omit<CdsHooksApiOptions, 'services'>): CdsHooksRuntimeOptions {
  const prefetchTimeoutMs = positiveMs('prefetchTimeoutMs', options.prefetchTimeoutMs, DEFAULT_PREFETCH_TIMEOUT_MS);
  const hookDeadlineMs = positiveMs('hookDeadlineMs', options.hookDeadlineMs, DEFAULT_HOOK_DEADLINE_MS);
  if (prefetchTimeoutMs >= hookDeadlineMs) {
    // Otherwise a slow FHIR server would surface as the generic 503 instead of the 412 naming the prefetch keys.
    throw new Error(`prefetchTimeoutMs (${prefetchTimeoutMs}) must be smaller than hookDeadlineMs (${hookDeadlineMs})`);
  }
  return {
    prefetchTimeoutMs,
    hookDeadlineMs,
    fhirServers:
      options.fhirServerAllowlist === undefined ? FhirServerAllowlist.unrestricted() : FhirServerAllowlist.of(options.fhirServerAllowlist),
    rateLimit: rateLimit(options.rateLimit),
    fhirResponseLimits: checkResponseLimits(options.fhirResponseLimits),
  };
}

function positiveMs(name: string, ms: number | undefined, fallback: number): number {
  if (ms === undefined) {
    return fallback;
  }
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new Error(`${name} must be a positive number of milliseconds`);
  }
  return ms;
}

function rateLimit(option: RateLimitOptions | false | undefined): RateLimitOptions | false {
  if (option === false) {
    return false;
  }
  const value = option ?? DEFAULT_RATE_LIMIT;
  if (!Number.isInteger(value.limit) || value.limit < 1) {
    throw new Error('rateLimit.limit must be a positive integer');
  }
  return { ...value, ttlMs: positiveMs('rateLimit.ttlMs', value.ttlMs, DEFAULT_RATE_LIMIT.ttlMs) };
}
