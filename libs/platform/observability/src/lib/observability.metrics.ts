import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ServiceLabelOptions } from './label-values';
import { plainLabel, ServiceLabeler } from './label-values';

export interface ObservabilityMetricsOptions extends ServiceLabelOptions {
  /** Process metrics (CPU, memory, event loop lag, GC, handles); default true. */
  defaultMetrics?: boolean;
}

export interface RequestObservation {
  /** The `:id` route parameter, as received (it is bounded here). */
  serviceId?: string;
  /** The route pattern (`/cds-services/:id`), never the raw URL. */
  route: string;
  status: number | 'aborted';
  durationSeconds: number;
}

/** One finished FHIR fetch (a read, or a whole search with its pages), as the FHIR client reports it. */
export interface FhirFetchEvent {
  durationMs: number;
  /** Absent on success; else the client's failure kind (`timeout`, `unreachable`, `http`, …). */
  failureKind?: string;
}

/** A durable card ledger's backlog, read at each scrape (see observeCardLedger). */
export interface CardLedgerBacklog {
  /** Issued cards not written yet (buffered, or kept while the store is unreachable). */
  readonly pendingCards: number;
  /** Issued cards dropped since start because the backlog outgrew its bound. */
  readonly lostCards: number;
}

/** Reads the rule ids of a card (the app knows where its cards carry them). */
export type CardRuleExtractor<C> = (card: C) => unknown;

/** Request latencies of a decision-support call: mostly 1–500 ms, with room for a slow FHIR server. */
export const REQUEST_DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
/** FHIR fetches, up to the FHIR client's default 10 s deadline. */
export const FHIR_FETCH_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const INDICATORS = new Set(['info', 'warning', 'critical']);

/**
 * The service's Prometheus metrics in their own Registry (never prom-client's global one: several apps in one
 * process, as in tests, would collide). Labels never hold patient data: service ids, route patterns, statuses,
 * rule ids, indicators, failure kinds.
 */
export class ObservabilityMetrics {
  readonly registry = new Registry();
  readonly serviceLabels: ServiceLabeler;
  private readonly requests: Counter<'service' | 'route' | 'status'>;
  private readonly requestDuration: Histogram<'service' | 'route' | 'status'>;
  private readonly fhirFetchDuration: Histogram<'outcome'>;
  private readonly fhirFetchFailures: Counter<'kind'>;
  private readonly cardsEmitted: Counter<'service' | 'rule' | 'indicator'>;

  constructor(options: ObservabilityMetricsOptions = {}) {
    this.serviceLabels = new ServiceLabeler(options);
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'cds_requests_total',
      help: 'HTTP requests answered, by CDS service id, route pattern and status',
      labelNames: ['service', 'route', 'status'],
      registers,
    });
    this.requestDuration = new Histogram({
      name: 'cds_request_duration_seconds',
      help: 'Time from receiving a request to finishing its response',
      labelNames: ['service', 'route', 'status'],
      buckets: REQUEST_DURATION_BUCKETS,
      registers,
    });
    this.fhirFetchDuration = new Histogram({
      name: 'fhir_fetch_duration_seconds',
      help: 'Duration of FHIR fetches (a read, or a search with all its pages); outcome ok or error',
      labelNames: ['outcome'],
      buckets: FHIR_FETCH_DURATION_BUCKETS,
      registers,
    });
    this.fhirFetchFailures = new Counter({
      name: 'fhir_fetch_failures_total',
      help: 'Failed FHIR fetches by kind (timeout, unreachable, http, not-fhir, incomplete, ...)',
      labelNames: ['kind'],
      registers,
    });
    this.cardsEmitted = new Counter({
      name: 'cds_cards_emitted_total',
      help: 'Cards returned, counted once per rule a card rests on (rule="none" when it names none)',
      labelNames: ['service', 'rule', 'indicator'],
      registers,
    });
    if (options.defaultMetrics ?? true) {
      collectDefaultMetrics({ register: this.registry });
    }
  }

  recordRequest(observation: RequestObservation): void {
    const status = String(observation.status);
    const labels = {
      service: this.serviceLabels.label(observation.serviceId, typeof observation.status === 'number' ? observation.status : undefined),
      route: observation.route,
      status,
    };
    this.requests.inc(labels);
    this.requestDuration.observe(labels, observation.durationSeconds);
  }

  recordFhirFetch(event: FhirFetchEvent): void {
    if (!Number.isFinite(event.durationMs) || event.durationMs < 0) {
      return;
    }
    const failed = event.failureKind !== undefined;
    this.fhirFetchDuration.observe({ outcome: failed ? 'error' : 'ok' }, event.durationMs / 1000);
    if (failed) {
      this.fhirFetchFailures.inc({ kind: plainLabel(event.failureKind, 'other') });
    }
  }

  /** Counts a response's cards by the rules they rest on; `ruleExtractor` returns a rule id or a list of them. */
  recordCardsEmitted<C>(serviceId: string, cards: readonly C[], ruleExtractor: CardRuleExtractor<C>): void {
    const service = this.serviceLabels.label(serviceId);
    for (const card of cards) {
      const raw = (card as { indicator?: unknown } | null)?.indicator;
      const indicator = typeof raw === 'string' && INDICATORS.has(raw) ? raw : 'other';
      const rules = rulesOf(safely(() => ruleExtractor(card)));
      for (const rule of rules.length > 0 ? rules : ['none']) {
        this.cardsEmitted.inc({ service, rule, indicator });
      }
    }
  }

  /**
   * `cds_card_ledger_pending` (gauge) and `cds_card_ledger_lost_total` (counter), read from the ledger at each
   * scrape: a store outage shows as a growing backlog, and cards that could not be kept as lost.
   */
  observeCardLedger(ledger: CardLedgerBacklog): void {
    new Gauge({
      name: 'cds_card_ledger_pending',
      help: 'Issued cards waiting to be written to the card ledger (buffered, or kept while the store is unreachable)',
      registers: [this.registry],
      collect() {
        this.set(ledger.pendingCards);
      },
    });
    new Counter({
      name: 'cds_card_ledger_lost_total',
      help: 'Issued cards dropped from the card ledger because the store stayed unreachable longer than the backlog could hold',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(ledger.lostCards);
      },
    });
  }

  /** The text exposition, for `GET /metrics`. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

function rulesOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return [...new Set(list.map((rule) => plainLabel(rule, 'invalid')))];
}

/** A metric must never cost the clinician the response: a throwing extractor counts as "no rules". */
function safely<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}
