import type { InjectionToken, ModuleMetadata, OptionalFactoryDependency, Type } from '@nestjs/common';
import type { CardLedger, CdsService, FeedbackSink } from '@pcb-cds/cds-hooks-model';

export const DEFAULT_PREFETCH_TIMEOUT_MS = 5_000;

/** A service to serve: an instance, or a class this module instantiates (its dependencies from `imports`). */
export type CdsServiceProvider = CdsService | Type<CdsService>;

interface CommonOptions {
  /** Modules providing what service classes, the sink class or `useFactory` inject. */
  imports?: ModuleMetadata['imports'];
  /** Where feedback goes; default: LoggingFeedbackSink (card uuid + outcome via Nest Logger). */
  feedbackSink?: FeedbackSink | Type<FeedbackSink>;
  /** Remembers issued cards for feedback; default: none. */
  cardLedger?: CardLedger | Type<CardLedger>;
  /** ONE deadline for fetching all missing prefetch keys of a request; default 5 s. */
  prefetchTimeoutMs?: number;
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

/** What the module's own classes read at run time. */
export interface CdsHooksRuntimeOptions {
  prefetchTimeoutMs: number;
}

export const CDS_HOOKS_RUNTIME_OPTIONS = Symbol('CDS_HOOKS_RUNTIME_OPTIONS');
