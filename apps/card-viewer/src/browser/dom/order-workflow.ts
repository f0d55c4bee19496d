import type { PadChange } from '../core/actions/plan-actions.js';
import type { CatalogueOrder } from '../core/orders/order-catalogue.js';
import type { OrderPad } from '../core/orders/order-pad.js';
import { addDraft, catalogueDraft, draftReference, emptyPad, isDraftOf, removeDraft, signedOrder } from '../core/orders/order-pad.js';
import { orderSelectRequest, orderSignRequest } from '../core/hooks/hook-requests.js';
import type { CdsApi } from './cds-api.js';
import type { CardOrigin, ChartSession } from './chart-session.js';
import { countCards, emptyText } from './chart-session.js';
import type { FhirApi } from './fhir-api.js';
import { h } from './h.js';
import { failureText } from './http.js';
import type { CardHandlers } from './views/cards-view.js';
import { renderCards } from './views/cards-view.js';
import type { Notices } from './views/notices.js';
import { OrderPadView } from './views/order-pad-view.js';

/**
 * The order pad's behaviour, as an EHR's order entry: picking an order makes a draft and fires order-select with
 * it selected; Sign fires order-sign and, with no cards (or after "Sign anyway"), writes the drafts to the FHIR
 * server as active orders. Each change of the pad is a "version": an answer for an older pad is dropped.
 */
export class OrderWorkflow {
  private pad: OrderPad = emptyPad('');
  private version = 0;
  private readonly view: OrderPadView;

  constructor(
    root: HTMLElement,
    private readonly session: ChartSession,
    private readonly cds: CdsApi,
    private readonly fhir: FhirApi,
    private readonly notices: Notices,
    private readonly cardHandlers: (origin: CardOrigin) => CardHandlers,
    private readonly refreshChart: () => Promise<string>,
  ) {
    this.view = new OrderPadView(root, {
      toggle: (order, picked) => void this.pick(order, picked),
      remove: (reference) => void this.remove(reference),
      sign: () => void this.sign(),
      signAnyway: () => void this.commit(),
    });
  }

  /** After discovery: whether the CDS service has order hooks, in words. */
  announceAvailability(): void {
    const { discoveryError, services } = this.session;
    const { orderSelect, orderSign } = services;
    const withoutCards = 'Orders can still be picked and signed, without cards.';
    if (discoveryError) {
      this.view.setAvailability(`Order hooks not available: the CDS service could not be reached. ${withoutCards}`, false);
    } else if (!orderSelect && !orderSign) {
      this.view.setAvailability(
        `Order hooks not available: the CDS service offers no order-select or order-sign service. ${withoutCards}`,
        false,
      );
    } else {
      this.view.setAvailability(
        `Order hooks: order-select ${orderSelect?.id ?? 'not available'}, order-sign ${orderSign?.id ?? 'not available'}.`,
        true,
      );
    }
  }

  /** A new chart: an empty pad. */
  reset(patientId: string): void {
    this.pad = emptyPad(patientId);
    this.view.reset(true);
  }

  references(): Set<string> {
    return new Set(this.pad.drafts.map(draftReference));
  }

  /**
   * Applies an accepted suggestion's changes to the pad, then asks order-select about the drafts it added
   * (or, if it only removed some, about what is left).
   * @returns a few words on order-select's answer.
   */
  async applyChanges(changes: PadChange[]): Promise<string> {
    const added: string[] = [];
    for (const change of changes) {
      if (change.kind === 'remove') {
        this.pad = removeDraft(this.pad, change.reference);
      } else {
        this.pad = addDraft(this.pad, change.draft);
        added.push(draftReference(change.draft));
      }
    }
    this.padChanged();
    return this.fireOrderSelect(added.length ? added : this.pad.drafts.map(draftReference));
  }

  private async pick(order: CatalogueOrder, picked: boolean): Promise<void> {
    const patientId = this.session.patientId;
    if (!patientId) {
      return;
    }
    if (picked) {
      const draft = catalogueDraft(order, patientId, this.session.newDraftId(), this.session.now());
      this.pad = addDraft(this.pad, draft);
      this.padChanged();
      this.notices.status(`Picked ${order.text}. ${await this.fireOrderSelect([draftReference(draft)])}`);
    } else {
      this.pad.drafts.filter((d) => isDraftOf(d, order)).forEach((d) => (this.pad = removeDraft(this.pad, draftReference(d))));
      this.padChanged();
      this.notices.status(`Removed ${order.text}. ${await this.fireOrderSelect(this.pad.drafts.map(draftReference))}`);
    }
  }

  private async remove(reference: string): Promise<void> {
    this.pad = removeDraft(this.pad, reference);
    this.padChanged();
    this.notices.status(`Removed a draft order. ${await this.fireOrderSelect(this.pad.drafts.map(draftReference))}`);
  }

  /** The drafts changed: show them, and forget order-sign's answer, which was about other drafts. */
  private padChanged(): void {
    this.view.showDrafts(this.pad.drafts);
    this.view.showSignCards(undefined);
    this.view.offerSignAnyway(false);
  }

  /** order-select with the newly picked orders; after a removal, what is left is re-checked as selected. */
  private async fireOrderSelect(selections: string[]): Promise<string> {
    const { patientId, generation } = this.session;
    const version = ++this.version;
    const service = this.session.services.orderSelect;
    if (!patientId || !service || this.pad.drafts.length === 0 || selections.length === 0) {
      this.view.showSelectCards(
        h('p', { class: 'cards__empty' }, service ? 'No draft orders.' : 'No order-select service: no cards while picking.'),
      );
      return '';
    }
    const current = (): boolean => this.session.isCurrent(generation) && version === this.version;
    this.view.showSelectCards(h('p', { class: 'cards__loading' }, 'Asking the CDS service (order-select)…'));
    try {
      const response = await this.cds.call(service.id, orderSelectRequest(this.session.basis(patientId), [...this.pad.drafts], selections));
      if (current()) {
        const shown = this.session.visible(response.cards, 'order-select');
        this.view.showSelectCards(
          renderCards(
            shown,
            this.cardHandlers('order-select'),
            'order-select',
            emptyText(response.cards.length, 'No cards for these orders.'),
          ),
        );
      }
      return `order-select: ${countCards(response.cards.length)}.`;
    } catch (error) {
      if (current()) {
        this.view.showSelectCards(h('p', { class: 'cards__error' }, failureText(error)));
      }
      return 'order-select failed.';
    }
  }

  /** order-sign first; with no cards the orders are signed, with cards the clinician decides. */
  private async sign(): Promise<void> {
    const { patientId, generation } = this.session;
    const service = this.session.services.orderSign;
    if (!patientId || this.pad.drafts.length === 0) {
      return;
    }
    if (!service) {
      await this.commit();
      return;
    }
    this.view.showSignCards(h('p', { class: 'cards__loading' }, 'Asking the CDS service (order-sign)…'));
    try {
      const response = await this.cds.call(service.id, orderSignRequest(this.session.basis(patientId), [...this.pad.drafts]));
      if (!this.session.isCurrent(generation)) {
        return;
      }
      const shown = this.session.visible(response.cards, 'order-sign');
      if (shown.length === 0) {
        this.view.showSignCards(h('p', { class: 'cards__empty' }, 'No cards from order-sign.'));
        await this.commit();
        return;
      }
      this.view.showSignCards(renderCards(shown, this.cardHandlers('order-sign'), 'order-sign', ''));
      this.view.offerSignAnyway(true);
      this.notices.status('order-sign returned cards: change the orders, or Sign anyway.');
    } catch (error) {
      if (this.session.isCurrent(generation)) {
        this.view.showSignCards(h('p', { class: 'cards__error' }, `Not signed. ${failureText(error)}`));
      }
    }
  }

  /** Writes the drafts to the FHIR server as active orders, one by one; what was written leaves the pad. */
  private async commit(): Promise<void> {
    const patientId = this.session.patientId;
    if (!patientId) {
      return;
    }
    const written: string[] = [];
    for (const draft of [...this.pad.drafts]) {
      try {
        const result = await this.fhir.apply({
          method: 'POST',
          path: draft.resourceType,
          body: signedOrder(draft),
          description: 'Sign order',
        });
        written.push(result?.id ? `${result.resourceType}/${result.id}` : draft.resourceType);
        this.pad = removeDraft(this.pad, draftReference(draft));
      } catch (error) {
        this.view.showDrafts(this.pad.drafts);
        this.notices.error('orders', `Signing stopped: ${failureText(error)} Signed so far: ${written.join(', ') || 'none'}.`);
        return;
      }
    }
    this.notices.error('orders', undefined);
    this.reset(patientId);
    const refreshed = await this.refreshChart();
    this.notices.status(`Signed ${written.length} order${written.length === 1 ? '' : 's'}: ${written.join(', ')}. ${refreshed}`);
  }
}
