import type { FhirResource } from '../../core/hooks/cds-wire.js';
import type { CatalogueOrder } from '../../core/orders/order-catalogue.js';
import { ORDER_CATALOGUE } from '../../core/orders/order-catalogue.js';
import { draftLabel, draftReference, isDraftOf } from '../../core/orders/order-pad.js';
import { h, replaceChildren } from '../h.js';

export interface OrderPadHandlers {
  toggle(order: CatalogueOrder, picked: boolean): void;
  remove(reference: string): void;
  sign(): void;
  signAnyway(): void;
}

/**
 * The order pad: a short catalogue (checkboxes, built once so focus stays put), the draft orders, the cards
 * order-select returns as orders are picked, and Sign with the cards order-sign returns.
 */
export class OrderPadView {
  private readonly availability = h('p', { class: 'order-pad__availability', 'data-testid': 'order-hooks-status' });
  private readonly checkboxes = new Map<string, HTMLInputElement>();
  private readonly drafts = h('div', { class: 'order-pad__drafts' });
  private readonly selectCards = h('div', { class: 'order-pad__cards', 'data-testid': 'order-select-cards' });
  private readonly signCards = h('div', { class: 'order-pad__cards', 'data-testid': 'order-sign-cards' });
  private readonly signButton = h('button', { type: 'button', class: 'button button--primary' }, 'Sign orders');
  private readonly signAnywayButton = h('button', { type: 'button', class: 'button button--warning', hidden: true }, 'Sign anyway');
  private readonly fieldset: HTMLFieldSetElement;

  constructor(
    root: HTMLElement,
    private readonly handlers: OrderPadHandlers,
  ) {
    this.fieldset = h('fieldset', { class: 'order-pad__catalogue', disabled: true }, h('legend', {}, 'Pick orders'));
    for (const order of ORDER_CATALOGUE) {
      const box = h('input', { type: 'checkbox', id: `order-${order.key}`, 'data-order-key': order.key });
      box.addEventListener('change', () => handlers.toggle(order, box.checked));
      this.checkboxes.set(order.key, box);
      this.fieldset.appendChild(h('div', { class: 'order-pad__option' }, box, h('label', { for: `order-${order.key}` }, order.text)));
    }
    this.signButton.addEventListener('click', () => handlers.sign());
    this.signAnywayButton.addEventListener('click', () => handlers.signAnyway());
    replaceChildren(
      root,
      h('h2', { id: 'order-pad-heading' }, 'Order pad'),
      this.availability,
      this.fieldset,
      h('h3', {}, 'Draft orders'),
      this.drafts,
      h('h3', {}, 'Cards while picking (order-select)'),
      this.selectCards,
      h('div', { class: 'order-pad__sign' }, this.signButton, this.signAnywayButton),
      h('h3', {}, 'Cards before signing (order-sign)'),
      this.signCards,
    );
    this.reset(false);
  }

  /** A new patient (or none): nothing picked, no cards. */
  reset(enabled: boolean): void {
    this.fieldset.disabled = !enabled;
    this.checkboxes.forEach((box) => (box.checked = false));
    this.showDrafts([]);
    replaceChildren(
      this.selectCards,
      h('p', { class: 'cards__empty' }, enabled ? 'Pick an order to see the order-select cards.' : 'Open a patient to write orders.'),
    );
    replaceChildren(this.signCards);
    this.offerSignAnyway(false);
  }

  setAvailability(text: string, available: boolean): void {
    replaceChildren(this.availability, text);
    this.availability.classList.toggle('order-pad__availability--off', !available);
  }

  showDrafts(drafts: readonly FhirResource[]): void {
    for (const order of ORDER_CATALOGUE) {
      const box = this.checkboxes.get(order.key);
      if (box) {
        box.checked = drafts.some((d) => isDraftOf(d, order));
      }
    }
    this.signButton.disabled = drafts.length === 0;
    if (drafts.length === 0) {
      replaceChildren(this.drafts, h('p', { class: 'cards__empty' }, 'No draft orders.'));
      return;
    }
    const list = h('ul', { class: 'order-pad__draft-list' });
    for (const draft of drafts) {
      const label = draftLabel(draft);
      const remove = h('button', { type: 'button', class: 'button button--small', 'aria-label': `Remove ${label}` }, 'Remove');
      remove.addEventListener('click', () => this.handlers.remove(draftReference(draft)));
      list.appendChild(h('li', { 'data-draft': draftReference(draft) }, h('span', {}, label), ' ', remove));
    }
    replaceChildren(this.drafts, list);
  }

  showSelectCards(content: Node): void {
    replaceChildren(this.selectCards, content);
  }

  showSignCards(content: Node | undefined): void {
    replaceChildren(this.signCards, content);
  }

  offerSignAnyway(offer: boolean): void {
    this.signAnywayButton.hidden = !offer;
  }
}
