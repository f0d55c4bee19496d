import type { InjectionToken, ModuleMetadata, OptionalFactoryDependency, Type } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { CardLedger, CardMemory, CdsService, FeedbackSink } from '@pcb-cds/cds-hooks-model';
import type { FhirResponseLimits } from '@pcb-cds/fhir-client';
import type { FhirServerAllowlist } from './fhir-server-allowlist';

export const DEFAULT_PREFETCH_TIMEOUT_MS = 5_000;
export const DEFAULT_HOOK_DEADLINE_MS = 8_000;
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { limit: 120, ttlMs: 60_000 };

/** A service to serve: an instance, or a class this module instantiates (its dependencies from `imports`). */
export type CdsServiceProvider = CdsService | Type<CdsService>;

/** At most `limit` requests per client within any `ttlMs` window, over all `/cds-services` routes together. */
export interface RateLimitOptions {
  limit: number;
  ttlMs: number;
  /** Where hits are counted; default: @nestjs/throttler's in-memory storage (per process). */
  storage?: ThrottlerStorage;
}

interface CommonOptions {
  /** Modules providing what service classes, the sink class or `useFactory` inject. */
  imports?: ModuleMetadata['imports'];
  /** Where feedback goes; default: LoggingFeedbackSink (card uuid + outcome via Nest Logger). */
  feedbackSink?: FeedbackSink | Type<FeedbackSink>;
  /** Remembers issued cards for feedback; default: none. */
  cardLedger?: CardLedger | Type<CardLedger>;
  /** Holds back cards clinicians already dealt with for the patient (see CardMemory); default: none. */
  cardMemory?: CardMemory;
  /** ONE deadline for fetching all missing prefetch keys of a request; default 5 s. Must be below `hookDeadlineMs`. */
  prefetchTimeoutMs?: number;
  /**
   * ONE deadline for a whole service call (validation, prefetch, the service, normalisation) and for a
   * feedback call; past it the client gets a 503 OperationOutcome. Default 8 s.
   */
  hookDeadlineMs?: number;
  /**
   * FHIR base URLs prefetch may be fetched from (a request's `fhirServer` must be one of them or below one of
   * them; scheme, host and port must match exactly). Default: unrestricted, with a warning at start-up.
   * `[]` fetches from no server: every key must then be prefetched.
   */
  fhirServerAllowlist?: readonly string[];
  /** Per-client rate limit on `/cds-services` routes; default 120 requests per 60 s; `false` turns it off. */
  rateLimit?: RateLimitOptions | false;
  /**
   * Byte limits on prefetch answers from FHIR servers: `maxResponseBytes` per response (default 4 MiB),
   * `maxTotalBytes` for all fetches and pages of one hook request (default 16 MiB). Past one → 412.
   */
  fhirResponseLimits?: Partial<FhirResponseLimits>;
}

export interface CdsHooksApiOptions extends CommonOptions {
  services: CdsServiceProvider[];
}

/** For services that are providers of another module (injected, not re-instantiated here). */
export interface CdsHooksApiAsyncOptions extends CommonOptions {
  /** Providers (exported by `imports`) handed to `useFactory`, in order. */
  inject?: Array<InjectionToken | OptionalFactoryDependency>;
  useFactory: (...deps: never[]) => CdsService[] | Promise<CdsService[]>;
}

/** What the module's own classes read at run time (checked at start-up). */
export interface CdsHooksRuntimeOptions {
  prefetchTimeoutMs: number;
  hookDeadlineMs: number;
  fhirServers: FhirServerAllowlist;
  rateLimit: RateLimitOptions | false;
  fhirResponseLimits: FhirResponseLimits;
}

export const CDS_HOOKS_RUNTIME_OPTIONS = Symbol('CDS_HOOKS_RUNTIME_OPTIONS');
