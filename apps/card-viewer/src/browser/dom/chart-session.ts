import type { Card, CdsServiceDefinition } from '../core/hooks/cds-wire.js';
import type { ViewerServices } from '../core/hooks/discovery.js';
import type { HookCallBasis } from '../core/hooks/hook-requests.js';
import { uuidV4 } from '../core/util/uuid.js';
import type { ViewerConfig } from '../core/viewer-config.js';

/** Which hook a card came from: feedback goes to that service, and its actions apply there. */
export type CardOrigin = 'patient-view' | 'order-select' | 'order-sign';

/**
 * What the parts of the viewer share about the open chart: the services found in discovery, the patient, and a
 * "generation" per opening (answers for an earlier opening are dropped), plus the cards dismissed for it.
 */
export class ChartSession {
  services: ViewerServices = {};
  discoveryError: string | undefined;
  patientId: string | undefined;
  generation = 0;
  /** Dismissed cards (by hook and summary): hidden when a service sends them again for this patient. */
  private dismissed = new Set<string>();

  constructor(
    private readonly config: ViewerConfig,
    private readonly randomBytes: () => Uint8Array,
    readonly now: () => Date,
  ) {}

  /** @returns the new generation. */
  open(patientId: string): number {
    this.patientId = patientId;
    this.dismissed = new Set();
    return ++this.generation;
  }

  isCurrent(generation: number): boolean {
    return generation === this.generation;
  }

  /** The fields every hook call shares, with a fresh hookInstance. */
  basis(patientId: string): HookCallBasis {
    return { fhirServer: this.config.fhirServer, userId: this.config.userId, patientId, hookInstance: uuidV4(this.randomBytes()) };
  }

  newDraftId(): string {
    return `draft-${uuidV4(this.randomBytes())}`;
  }

  serviceFor(origin: CardOrigin): CdsServiceDefinition | undefined {
    const { patientView, orderSelect, orderSign } = this.services;
    return origin === 'patient-view' ? patientView : origin === 'order-select' ? orderSelect : orderSign;
  }

  dismiss(origin: CardOrigin, card: Card): void {
    this.dismissed.add(dismissalKey(origin, card));
  }

  visible(cards: Card[], origin: CardOrigin): Card[] {
    return cards.filter((card) => !this.dismissed.has(dismissalKey(origin, card)));
  }
}

export function countCards(n: number): string {
  return `${n} card${n === 1 ? '' : 's'}`;
}

/** The line shown where the cards were, when every card of an answer was dismissed earlier. */
export function emptyText(total: number, none: string): string {
  return total === 0 ? none : 'All cards were dismissed.';
}

function dismissalKey(origin: CardOrigin, card: Card): string {
  return `${origin}\u0000${card.summary}`;
}
