import type { BlockNode, InlineNode } from '../core/markdown/markdown-nodes.js';
import { parseMarkdown } from '../core/markdown/parse-markdown.js';
import { h } from './h.js';
import { markdownEngine } from './markdown-engine.js';
import { link } from './safe-link.js';

/**
 * Card markdown → DOM, safely: markdown-it parses with raw HTML off, the tree built from its tokens has no HTML node, and here every string becomes a text node
 * (`createTextNode`/`textContent`); the only elements are the fixed few below. Card text never reaches
 * innerHTML, so `<img onerror=…>` in a card is shown as those characters.
 * @param headingLevel the level of the card's own heading: markdown headings go below it.
 */
export function renderMarkdown(markdown: string, headingLevel: number): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const block of parseMarkdown(markdownEngine(), markdown).blocks) {
    fragment.appendChild(renderBlock(block, headingLevel));
  }
  return fragment;
}

function renderBlock(block: BlockNode, headingLevel: number): HTMLElement {
  switch (block.kind) {
    case 'paragraph':
      return withInline(h('p'), block.children);
    case 'heading': {
      const level = Math.min(6, headingLevel + block.level);
      return withInline(h(`h${level}` as 'h4', { class: 'md-heading' }), block.children);
    }
    case 'list': {
      const list = block.ordered ? h('ol', { start: block.start === 1 ? undefined : String(block.start) }) : h('ul');
      block.items.forEach((item) => list.appendChild(withInline(h('li'), item)));
      return list;
    }
  }
}

function withInline<T extends HTMLElement>(parent: T, nodes: readonly InlineNode[]): T {
  nodes.forEach((node) => parent.appendChild(renderInline(node)));
  return parent;
}

function renderInline(node: InlineNode): Node {
  switch (node.kind) {
    case 'text':
      return document.createTextNode(node.text);
    case 'strong':
      return withInline(h('strong'), node.children);
    case 'emphasis':
      return withInline(h('em'), node.children);
    case 'code':
      return h('code', {}, node.text);
    case 'link':
      return withInline(link(node.href), node.children);
    case 'lineBreak':
      return h('br');
  }
}
