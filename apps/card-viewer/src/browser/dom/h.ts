/** Attributes `h` may set. No `on*` handlers, no `href`/`src`, no `innerHTML`: those are never strings from data. */
export type Attributes = Record<string, string | boolean | undefined>;

export type Child = Node | string | undefined | false | null;

const FORBIDDEN = /^(on|href$|src$|srcdoc$|style$|innerhtml$|formaction$)/i;

/**
 * Builds an element: strings become text nodes (never parsed as HTML), `true` sets an empty attribute,
 * `false`/undefined leave it out. Links are made by `link()` only, which checks the URL.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (FORBIDDEN.test(name)) {
      throw new Error(`h() does not set ${name}`);
    }
    if (value === true) {
      element.setAttribute(name, '');
    } else if (typeof value === 'string') {
      element.setAttribute(name, value);
    }
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (typeof child === 'string') {
      parent.appendChild(document.createTextNode(child));
    } else if (child) {
      parent.appendChild(child);
    }
  }
}

/** Empties an element and fills it again. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}
