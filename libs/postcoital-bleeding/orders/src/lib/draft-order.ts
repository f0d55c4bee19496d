import type { OrderKind } from '@pcb-cds/postcoital-bleeding-terminology';

/**
 * One order of the EHR's order session (context.draftOrders), as the guideline sees it: which
 * §4.9 order kind it is, if any. Orders of no kind (a diet, an antibiotic) are outside the
 * guideline and never spoken about.
 */
export interface DraftOrder {
  /** `ServiceRequest/abc`: what a delete suggestion points at, and what `selections` name. Absent when the draft has no id. */
  reference?: string;
  kind?: OrderKind;
  /** The draft's own wording (code.text or display), for the card. */
  display: string;
}

/** A draft the guideline has something to say about. */
export type GuidelineDraftOrder = DraftOrder & { kind: OrderKind };

export const isGuidelineOrder = (d: DraftOrder): d is GuidelineDraftOrder => d.kind !== undefined;
