import type { Card, Coding, FeedbackRequest, FhirResource, HookRequest, Suggestion } from './cds-wire.js';

/** What every hook call from the viewer shares. */
export interface HookCallBasis {
  fhirServer: string;
  userId: string;
  patientId: string;
  /** A fresh UUID per call. */
  hookInstance: string;
}

/** No `prefetch`: the service fetches from `fhirServer`, as with an EHR that does not prefetch. */
export function patientViewRequest(basis: HookCallBasis): HookRequest {
  return { hook: 'patient-view', hookInstance: basis.hookInstance, fhirServer: basis.fhirServer, context: context(basis) };
}

/** order-select: the newly picked orders (`Type/id` references) and every draft order on the pad. */
export function orderSelectRequest(basis: HookCallBasis, drafts: FhirResource[], selections: string[]): HookRequest {
  return {
    hook: 'order-select',
    hookInstance: basis.hookInstance,
    fhirServer: basis.fhirServer,
    context: { ...context(basis), selections, draftOrders: draftOrdersBundle(drafts) },
  };
}

/** order-sign: the draft orders about to be signed. */
export function orderSignRequest(basis: HookCallBasis, drafts: FhirResource[]): HookRequest {
  return {
    hook: 'order-sign',
    hookInstance: basis.hookInstance,
    fhirServer: basis.fhirServer,
    context: { ...context(basis), draftOrders: draftOrdersBundle(drafts) },
  };
}

export function draftOrdersBundle(drafts: FhirResource[]): FhirResource {
  return { resourceType: 'Bundle', type: 'collection', entry: drafts.map((resource) => ({ resource })) };
}

/** @returns undefined when the card or suggestion has no uuid (the service then cannot take feedback on it). */
export function acceptedFeedback(card: Card, suggestion: Suggestion, at: Date): FeedbackRequest | undefined {
  if (!card.uuid || !suggestion.uuid) {
    return undefined;
  }
  return {
    feedback: [{ card: card.uuid, outcome: 'accepted', acceptedSuggestions: [{ id: suggestion.uuid }], outcomeTimestamp: instant(at) }],
  };
}

/** A reason from the card's own overrideReasons and/or the clinician's comment; neither is required by the spec. */
export function overriddenFeedback(card: Card, at: Date, reason?: Coding, comment?: string): FeedbackRequest | undefined {
  if (!card.uuid) {
    return undefined;
  }
  const userComment = comment?.trim() || undefined;
  const overrideReason = reason || userComment ? { ...(reason ? { reason } : {}), ...(userComment ? { userComment } : {}) } : undefined;
  return {
    feedback: [{ card: card.uuid, outcome: 'overridden', ...(overrideReason ? { overrideReason } : {}), outcomeTimestamp: instant(at) }],
  };
}

function context(basis: HookCallBasis): { userId: string; patientId: string } {
  return { userId: basis.userId, patientId: basis.patientId };
}

/** An ISO 8601 instant in UTC to the second, as the spec's examples write it. */
function instant(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
