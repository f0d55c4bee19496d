/**
 * The CDS Hooks 2.0 wire shapes the page reads and sends: a copy of the parts of
 * libs/cds-hooks/model/src/lib/wire-types.ts it uses (the browser bundle cannot import across projects).
 * cds-wire.spec.ts checks at type level that the copy stays assignable to the model.
 */
export interface Coding {
  system: string;
  code: string;
  display?: string;
}

export interface FhirResource {
  resourceType: string;
  id?: string;
  [key: string]: unknown;
}

export type Indicator = 'info' | 'warning' | 'critical';

export interface CardAction {
  type: 'create' | 'update' | 'delete';
  description: string;
  resource?: FhirResource;
  resourceId?: string;
}

export interface Suggestion {
  label: string;
  uuid?: string;
  isRecommended?: boolean;
  actions?: CardAction[];
}

export interface CardLink {
  label: string;
  url: string;
  type: 'absolute' | 'smart';
  appContext?: string;
}

export interface Card {
  uuid?: string;
  summary: string;
  detail?: string;
  indicator: Indicator;
  source: { label: string; url?: string; icon?: string; topic?: Coding };
  suggestions?: Suggestion[];
  selectionBehavior?: 'at-most-one' | 'any';
  overrideReasons?: Coding[];
  links?: CardLink[];
  extension?: Record<string, unknown>;
}

export interface CdsResponse {
  cards: Card[];
  systemActions?: CardAction[];
  extension?: Record<string, unknown>;
}

export interface CdsServiceDefinition {
  id: string;
  hook: string;
  title?: string;
  description: string;
}

export interface DiscoveryResponse {
  services: CdsServiceDefinition[];
}

/** A type literal, not an interface, so that it fits the model's open (index-signature) request type. */
export type HookRequest = {
  hook: string;
  hookInstance: string;
  fhirServer: string;
  context: {
    userId: string;
    patientId: string;
    selections?: string[];
    draftOrders?: FhirResource;
  };
};

export interface FeedbackEntry {
  card: string;
  outcome: 'accepted' | 'overridden';
  acceptedSuggestions?: { id: string }[];
  overrideReason?: { reason?: Coding; userComment?: string };
  outcomeTimestamp: string;
}

export interface FeedbackRequest {
  feedback: FeedbackEntry[];
}
