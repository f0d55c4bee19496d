import { h } from '../h.js';

/**
 * Asks for the viewer's access token when the server refuses the page without it (401). There is nothing to do
 * without it, so the dialog cannot be dismissed; `refused` says the last token given was not accepted.
 */
export function askAccessToken(refused: boolean): Promise<string> {
  const input = h('input', {
    id: 'access-token',
    name: 'access-token',
    type: 'password',
    autocomplete: 'off',
    required: true,
    minlength: '32',
  });
  const form = h(
    'form',
    { class: 'access__form' },
    h('h2', { id: 'access-title' }, 'Access token needed'),
    h(
      'p',
      {},
      'This card viewer is protected. Enter the access token its operator set (CARD_VIEWER_TOKEN). It is kept for this browser tab only.',
    ),
    h('label', { for: 'access-token' }, 'Access token'),
    input,
    refused && h('p', { class: 'access__refused', role: 'alert' }, 'That access token was not accepted.'),
    h('div', { class: 'override__buttons' }, h('button', { type: 'submit', class: 'button button--primary' }, 'Open the viewer')),
  );
  const dialog = h('dialog', { class: 'access', 'aria-labelledby': 'access-title' }, form);
  document.body.appendChild(dialog);
  return new Promise((resolve) => {
    // Escape would close a modal dialog and leave an empty page.
    dialog.addEventListener('cancel', (event) => event.preventDefault());
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const token = input.value.trim();
      dialog.close();
      dialog.remove();
      resolve(token);
    });
    dialog.showModal();
  });
}
