export type {
  Card,
  CardAction,
  CardLink,
  CardSource,
  CdsResponse,
  CdsServiceDefinition,
  DiscoveryResponse,
  FeedbackEntry,
  FeedbackRequest,
  FhirResourceJson,
  HookContext,
  HookRequest,
  Indicator,
  Suggestion,
} from './lib/wire-types';
export { CardLedger, CDS_SERVICES, FeedbackSink } from './lib/cds-service.port';
export type { CdsService, IssuedCards, ResolvedHookRequest } from './lib/cds-service.port';
export { CardMemory } from './lib/card-memory.port';
export type { RecalledCards } from './lib/card-memory.port';
