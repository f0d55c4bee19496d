import { safeHttpUrl } from '../core/util/safe-url.js';
import type { Child } from './h.js';
import { append, h } from './h.js';

/**
 * A link to an http(s) URL, opened in a new tab without giving that page a handle on this one; for any other
 * URL, the label as plain text. Every link the viewer shows goes through here.
 */
export function link(url: string | undefined, ...label: Child[]): HTMLElement {
  const href = safeHttpUrl(url);
  if (href === undefined) {
    return h('span', {}, ...label);
  }
  const a = document.createElement('a');
  a.href = href;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  append(a, ...label);
  return a;
}
