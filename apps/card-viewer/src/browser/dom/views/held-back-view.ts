import type { HeldBackCard } from '../../core/hooks/held-back-cards.js';
import { h } from '../h.js';

/**
 * "n held back": cards the service did not show because a clinician already dealt with them for this patient
 * (card memory). Closed by default; opening it lists each with the reason and until when.
 */
export function renderHeldBack(cards: readonly HeldBackCard[]): HTMLElement {
  return h(
    'details',
    { class: 'cards__held-back', 'data-testid': 'held-back' },
    h('summary', {}, `${cards.length} held back`),
    h(
      'ul',
      {},
      ...cards.map((c) => h('li', {}, `${c.summary} — ${c.reason}${c.until ? `; shown again from ${c.until} or on new evidence` : ''}`)),
    ),
  );
}
