import type { Card, CdsResponse, CdsServiceDefinition, FeedbackEntry, FhirResourceJson, HookRequest } from './wire-types';

/**
 * A hook request after the protocol layer has resolved prefetch: every key of the service's
 * prefetch templates is present, holding the resource/Bundle, or `null` when there is no data
 * (the client said so, or the FHIR server returned nothing). Services never talk to FHIR for
 * prefetch themselves, so "with prefetch" and "without prefetch" run the same code.
 */
export interface ResolvedHookRequest extends HookRequest {
  prefetch: Record<string, FhirResourceJson | null>;
  /**
   * Prefetch keys whose value is `null` because the client sent an OperationOutcome (it tried and failed)
   * instead of data: for these `null` means "unknown", not "none". Absent when there are none.
   */
  unavailablePrefetchKeys?: string[];
}

/** What a guideline implements to be served by the protocol layer. */
export interface CdsService {
  readonly definition: CdsServiceDefinition;
  /** Cards without uuids: the protocol layer assigns them and normalises the response. */
  handle(request: ResolvedHookRequest): Promise<CdsResponse>;
}

/** Nest DI token under which the app registers its CdsService implementations. */
export const CDS_SERVICES = Symbol('CDS_SERVICES');

/** Where feedback goes; the backbone logs it, the hardening issue stores it durably. */
export abstract class FeedbackSink {
  abstract record(serviceId: string, entries: FeedbackEntry[]): Promise<void>;
}

/** One response's cards as issued: what feedback will later refer to by card uuid. */
export interface IssuedCards {
  serviceId: string;
  hookInstance: string;
  patientId: string;
  /** Normalised cards, uuids assigned. */
  cards: Card[];
  issuedAt: string;
}

/**
 * Remembers the cards a service issued (card uuid → service, hook instance, patient), so feedback
 * can be tied to what the card said. Default: none (nothing remembered).
 */
export abstract class CardLedger {
  abstract recordIssued(issued: IssuedCards): Promise<void>;
}
