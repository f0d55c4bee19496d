// CDS Hooks 2.0 wire types (https://cds-hooks.hl7.org/2.0/). Field names follow the spec exactly.
// FHIR resources travel as plain JSON objects here: the protocol layer never interprets them.

/** A FHIR resource as JSON; the protocol only needs to know its type. */
export interface FhirResourceJson {
  resourceType: string;
  id?: string;
  [key: string]: unknown;
}

export interface CdsCoding {
  system: string;
  code: string;
  display?: string;
}

export interface FhirAuthorization {
  access_token: string;
  token_type: 'Bearer' | string;
  expires_in: number;
  scope: string;
  subject: string;
  patient?: string;
}

/** Hook context: patient-view and the order hooks share `patientId`; the rest is hook-specific. */
export interface HookContext {
  userId?: string;
  patientId: string;
  encounterId?: string;
  selections?: string[];
  draftOrders?: FhirResourceJson;
  [key: string]: unknown;
}

export interface HookRequest {
  hook: string;
  hookInstance: string;
  fhirServer?: string;
  fhirAuthorization?: FhirAuthorization;
  context: HookContext;
  /** A key that is absent must be fetched; a key whose value is `null` means "no data". */
  prefetch?: Record<string, FhirResourceJson | null>;
  extension?: Record<string, unknown>;
  [key: string]: unknown;
}

export type Indicator = 'info' | 'warning' | 'critical';

export interface CardSource {
  label: string;
  url?: string;
  icon?: string;
  topic?: CdsCoding;
}

export interface CardAction {
  type: 'create' | 'update' | 'delete';
  description: string;
  resource?: FhirResourceJson;
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
  source: CardSource;
  suggestions?: Suggestion[];
  selectionBehavior?: 'at-most-one' | 'any';
  overrideReasons?: CdsCoding[];
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
  prefetch?: Record<string, string>;
  usageRequirements?: string;
  extension?: Record<string, unknown>;
}

export interface DiscoveryResponse {
  services: CdsServiceDefinition[];
}

export interface FeedbackOverrideReason {
  reason?: CdsCoding;
  userComment?: string;
}

export interface FeedbackEntry {
  card: string;
  outcome: 'accepted' | 'overridden';
  acceptedSuggestions?: { id: string }[];
  overrideReason?: FeedbackOverrideReason;
  outcomeTimestamp: string;
}

export interface FeedbackRequest {
  feedback: FeedbackEntry[];
}
