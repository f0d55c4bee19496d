import type { Card, Coding } from '../../core/hooks/cds-wire.js';
import { isCommentGiven, overrideNeedsComment } from '../../core/hooks/override-policy.js';
import { h } from '../h.js';

export interface OverrideChoice {
  reason?: Coding;
  comment?: string;
}

let dialogCount = 0;

/**
 * Asks why a card is dismissed, as CDS Hooks feedback wants it: one of the card's own overrideReasons (required
 * when it offers any) and a comment — required for a critical card (override-policy.ts), optional otherwise.
 * Resolves undefined on Cancel or Escape.
 */
export function askOverride(card: Card): Promise<OverrideChoice | undefined> {
  const id = `override-${++dialogCount}`;
  const reasons = card.overrideReasons ?? [];
  const commentRequired = overrideNeedsComment(card);
  const comment = h('textarea', { id: `${id}-comment`, name: 'comment', rows: '3', maxlength: '1000', required: commentRequired });
  const form = h(
    'form',
    { class: 'override__form' },
    h('h2', { id: `${id}-title` }, 'Dismiss this card?'),
    h('p', { class: 'override__summary' }, card.summary),
    commentRequired && h('p', { class: 'override__critical' }, 'This is a critical card: say why you are overriding it.'),
    reasons.length
      ? h(
          'fieldset',
          { class: 'override__reasons' },
          h('legend', {}, 'Reason'),
          ...reasons.map((reason, index) =>
            h(
              'label',
              { class: 'override__reason' },
              h('input', { type: 'radio', name: 'reason', value: String(index), required: true }),
              ` ${reason.display ?? reason.code}`,
            ),
          ),
        )
      : h('p', {}, 'This card offers no override reasons; you may say why in a comment.'),
    h('label', { for: `${id}-comment`, class: 'override__comment-label' }, commentRequired ? 'Comment (required)' : 'Comment (optional)'),
    comment,
    h(
      'div',
      { class: 'override__buttons' },
      h('button', { type: 'submit', class: 'button button--primary' }, 'Dismiss card'),
      h('button', { type: 'button', class: 'button', 'data-action': 'cancel' }, 'Cancel'),
    ),
  );
  const dialog = h('dialog', { class: 'override', 'aria-labelledby': `${id}-title` }, form);
  document.body.appendChild(dialog);

  return new Promise((resolve) => {
    let choice: OverrideChoice | undefined;
    // `required` lets a comment of spaces through; the browser's own message then says what is missing.
    comment.addEventListener('input', () => comment.setCustomValidity(''));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (commentRequired && !isCommentGiven(comment.value)) {
        comment.setCustomValidity('A critical card needs a comment saying why it is overridden.');
        form.reportValidity();
        return;
      }
      const picked = form.querySelector<HTMLInputElement>('input[name="reason"]:checked');
      choice = { reason: picked ? reasons[Number(picked.value)] : undefined, comment: comment.value };
      dialog.close();
    });
    form.querySelector('[data-action="cancel"]')?.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(choice);
    });
    dialog.showModal();
  });
}
