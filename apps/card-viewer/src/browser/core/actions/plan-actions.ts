import type { CardAction, FhirResource } from '../hooks/cds-wire.js';
import { draftReference, ORDER_RESOURCE_TYPES } from '../orders/order-pad.js';

/** One FHIR REST call, relative to the FHIR base URL. */
export interface FhirRequest {
  method: 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: FhirResource;
  description: string;
}

/** One change to the order pad. */
export type PadChange =
  | { kind: 'add'; draft: FhirResource }
  | { kind: 'remove'; reference: string }
  | { kind: 'replace'; draft: FhirResource };

export interface ActionPlan {
  fhir: FhirRequest[];
  pad: PadChange[];
  /** Actions that cannot be applied safely; when there are any, nothing of the suggestion is applied. */
  problems: string[];
}

const RESOURCE_TYPE = /^[A-Z][A-Za-z]{1,63}$/;
const RESOURCE_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/**
 * How to apply a suggestion's actions, as an EHR would:
 * - on a patient-view card (`padReferences` undefined) every action goes to the FHIR server: create → POST
 *   `{type}` (without the id: the server assigns it), update → PUT `{type}/{id}`, delete → DELETE `{resourceId}`;
 * - on an order-hook card, actions on orders stay on the pad (the drafts are not on the server yet): a created
 *   order becomes a draft (`newDraftId` gives it an id), a delete or update of a draft changes the pad.
 * Types and ids are checked, so a card cannot steer the viewer to another path on the FHIR server.
 */
export function planActions(actions: CardAction[], padReferences: ReadonlySet<string> | undefined, newDraftId: () => string): ActionPlan {
  const plan: ActionPlan = { fhir: [], pad: [], problems: [] };
  for (const action of actions) {
    const problem = planOne(action, padReferences, newDraftId, plan);
    if (problem) {
      plan.problems.push(`${action.type} "${action.description}": ${problem}`);
    }
  }
  return plan.problems.length > 0 ? { fhir: [], pad: [], problems: plan.problems } : plan;
}

function planOne(action: CardAction, pad: ReadonlySet<string> | undefined, newDraftId: () => string, plan: ActionPlan): string | undefined {
  const { description } = action;
  if (action.type === 'delete') {
    const target = parseReference(action.resourceId);
    if (!target) {
      return 'resourceId must be a relative reference such as ServiceRequest/123';
    }
    if (pad?.has(target)) {
      plan.pad.push({ kind: 'remove', reference: target });
    } else {
      plan.fhir.push({ method: 'DELETE', path: target, description });
    }
    return undefined;
  }
  const resource = action.resource;
  if (!resource || !RESOURCE_TYPE.test(resource.resourceType ?? '')) {
    return 'the action carries no valid resource';
  }
  if (action.type === 'create') {
    if (pad && ORDER_RESOURCE_TYPES.has(resource.resourceType)) {
      plan.pad.push({ kind: 'add', draft: { ...resource, id: newDraftId(), status: 'draft' } });
    } else {
      const body: FhirResource = { ...resource };
      delete body.id;
      plan.fhir.push({ method: 'POST', path: resource.resourceType, body, description });
    }
    return undefined;
  }
  if (action.type === 'update') {
    if (!RESOURCE_ID.test(resource.id ?? '')) {
      return 'an update needs the resource id';
    }
    if (pad?.has(draftReference(resource))) {
      plan.pad.push({ kind: 'replace', draft: resource });
    } else {
      plan.fhir.push({ method: 'PUT', path: `${resource.resourceType}/${resource.id}`, body: resource, description });
    }
    return undefined;
  }
  return `unknown action type ${JSON.stringify((action as { type: unknown }).type)}`;
}

/** Accepts `Type/id`, and an absolute URL's last two segments are not accepted: only relative references. */
function parseReference(value: string | undefined): string | undefined {
  const [type, id, ...rest] = (value ?? '').split('/');
  return rest.length === 0 && RESOURCE_TYPE.test(type ?? '') && RESOURCE_ID.test(id ?? '') ? `${type}/${id}` : undefined;
}
