import type { CdsServiceDefinition } from '@pcb-cds/cds-hooks-model';
import { CODED_DRAFT_ORDER_TYPES, prefetchTemplates } from '@pcb-cds/postcoital-bleeding-record';
import type { Terminology } from '@pcb-cds/postcoital-bleeding-terminology';
import type { OrderHook } from './order-hook-answer';

export const PCB_ORDER_SELECT_SERVICE_ID = 'pcb-order-select';
export const PCB_ORDER_SIGN_SERVICE_ID = 'pcb-order-sign';

// Same prefetch as patient-view: the order hooks judge the drafts against the same facts.
const USAGE =
  'Needs the same read access as pcb-evaluation (Patient, Condition, Observation, Procedure, MedicationRequest, ' +
  'MedicationStatement, MedicationAdministration, Encounter, EpisodeOfCare, QuestionnaireResponse, ServiceRequest, DiagnosticReport), by prefetch or through ' +
  `fhirServer with fhirAuthorization. Reads context.draftOrders (${CODED_DRAFT_ORDER_TYPES.join(' / ')}; other types are ignored). ` +
  'Returns no cards when no postcoital bleeding is recorded in the last 90 days, or when no draft order is part of the postcoital bleeding work-up.';

/** order-select: the orders just picked (context.selections) and what the work-up still lacks. */
function pcbOrderSelectDefinition(t: Terminology): CdsServiceDefinition {
  return {
    id: PCB_ORDER_SELECT_SERVICE_ID,
    hook: 'order-select',
    title: 'Postcoital bleeding: checking orders as they are picked',
    description:
      'When a postcoital bleeding work-up order is selected for a patient with postcoital bleeding in the last 90 days: ' +
      'flags a selected order that duplicates a current result or an active order (with a suggestion to remove it) or that ' +
      'the guideline advises against for this patient (with the replacement a guideline rule asks for, if any: e.g. no endocervical ' +
      'curettage in pregnancy, no digital examination with known placenta praevia or at 20 weeks or more before ultrasound; as urgent ' +
      'as an obstetric emergency it belongs to), and offers the guideline orders still missing from the draft orders.',
    usageRequirements: USAGE,
    prefetch: prefetchTemplates(t),
  };
}

/** order-sign: only what is about to be signed, and the steps nothing in it addresses. */
function pcbOrderSignDefinition(t: Terminology): CdsServiceDefinition {
  return {
    id: PCB_ORDER_SIGN_SERVICE_ID,
    hook: 'order-sign',
    title: 'Postcoital bleeding: checking orders before signing',
    description:
      'Before signing orders that include postcoital bleeding work-up for a patient with postcoital bleeding in the last 90 days: ' +
      'flags orders that duplicate a current result or an active order, or that the guideline advises against for this patient ' +
      '(with the replacement), and names guideline steps none of the orders being signed addresses.',
    usageRequirements: USAGE,
    prefetch: prefetchTemplates(t),
  };
}

/** The discovery entry of the service on `hook`. */
export function pcbOrderHookDefinition(hook: OrderHook, t: Terminology): CdsServiceDefinition {
  return hook === 'order-select' ? pcbOrderSelectDefinition(t) : pcbOrderSignDefinition(t);
}
