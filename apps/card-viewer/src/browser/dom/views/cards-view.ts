import type { Card, Suggestion } from '../../core/hooks/cds-wire.js';
import { h } from '../h.js';
import { renderMarkdown } from '../render-markdown.js';
import { link } from '../safe-link.js';

export interface CardHandlers {
  accept(card: Card, suggestion: Suggestion): void;
  dismiss(card: Card): void;
}

const INDICATOR_LABEL: Record<string, string> = { critical: 'Critical', warning: 'Warning', info: 'Info' };

/**
 * Cards as an EHR shows them: the indicator as colour AND word, the summary as a heading, the detail as safe
 * markdown, the source and links, one Accept button per suggestion and a Dismiss button. The service's order
 * (critical → warning → info) is kept.
 * @param idPrefix makes element ids unique when several card lists are on the page.
 */
export function renderCards(cards: Card[], handlers: CardHandlers, idPrefix: string, emptyText: string): HTMLElement {
  if (cards.length === 0) {
    return h('p', { class: 'cards__empty', 'data-testid': `${idPrefix}-empty` }, emptyText);
  }
  const list = h('div', { class: 'cards' });
  cards.forEach((card, index) => list.appendChild(renderCard(card, handlers, `${idPrefix}-${index}`)));
  return list;
}

function renderCard(card: Card, handlers: CardHandlers, id: string): HTMLElement {
  const indicator = INDICATOR_LABEL[card.indicator] ? card.indicator : 'info';
  const article = h(
    'article',
    { class: `card card--${indicator}`, 'aria-labelledby': `${id}-summary`, 'data-indicator': indicator, 'data-card-uuid': card.uuid },
    h(
      'header',
      { class: 'card__header' },
      h('span', { class: 'card__indicator' }, INDICATOR_LABEL[indicator]),
      h('h3', { class: 'card__summary', id: `${id}-summary` }, card.summary),
    ),
  );
  if (card.detail) {
    const detail = h('div', { class: 'card__detail' });
    detail.appendChild(renderMarkdown(card.detail, 3));
    article.appendChild(detail);
  }
  article.appendChild(h('p', { class: 'card__source' }, 'Source: ', link(card.source?.url, card.source?.label ?? 'unnamed source')));
  const links = (card.links ?? []).filter((l) => l.type !== 'smart');
  if (links.length) {
    article.appendChild(h('ul', { class: 'card__links', 'aria-label': 'Links' }, ...links.map((l) => h('li', {}, link(l.url, l.label)))));
  }
  const suggestions = card.suggestions ?? [];
  if (suggestions.length) {
    const group = h('div', { class: 'card__suggestions', role: 'group', 'aria-label': `Suggestions: ${card.summary}` });
    suggestions.forEach((suggestion) => {
      const button = h(
        'button',
        {
          type: 'button',
          class: `button button--accept${suggestion.isRecommended ? ' button--recommended' : ''}`,
          'data-suggestion-uuid': suggestion.uuid,
          'aria-describedby': `${id}-summary`,
        },
        `Accept: ${suggestion.label}`,
      );
      button.addEventListener('click', () => {
        // One at a time; with at-most-one the others stay off until the cards are refreshed.
        group.querySelectorAll('button').forEach((b) => (b.disabled = true));
        handlers.accept(card, suggestion);
      });
      group.appendChild(button);
    });
    article.appendChild(group);
  }
  const rules = card.extension?.['org.pcb-cds.rules'];
  const footer = h('footer', { class: 'card__footer' });
  if (Array.isArray(rules) && rules.length) {
    footer.appendChild(h('span', { class: 'card__rules' }, `Rules: ${rules.join(', ')}`));
  }
  // Every card has a "Dismiss…" button: the card's summary describes which one this is.
  const dismiss = h('button', { type: 'button', class: 'button button--dismiss', 'aria-describedby': `${id}-summary` }, 'Dismiss…');
  dismiss.addEventListener('click', () => handlers.dismiss(card));
  footer.appendChild(dismiss);
  article.appendChild(footer);
  return article;
}
