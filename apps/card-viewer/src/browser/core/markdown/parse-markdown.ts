import type { CardMarkdownParser } from './card-markdown-parser.js';
import type { BlockNode, InlineNode, MarkdownDocument } from './markdown-nodes.js';
import { inlineNodes } from './parse-inline.js';

interface OpenList {
  ordered: boolean;
  start: number;
  items: InlineNode[][];
}

/**
 * Card markdown (CommonMark, parsed by markdown-it as `cardMarkdownParser` configures it) as the tree the DOM
 * adapter renders: paragraphs, ATX headings, bullet and ordered lists. Nested lists join the outer one (one
 * level is all the cards use); the paragraphs of one item join with a newline. Pure: no DOM, no HTML.
 */
export function parseMarkdown(parser: CardMarkdownParser, source: string): MarkdownDocument {
  const blocks: BlockNode[] = [];
  let list: OpenList | undefined;
  let depth = 0;
  let heading: number | undefined;
  let item: InlineNode[] | undefined;

  for (const token of parser.parse(source, {})) {
    switch (token.type) {
      case 'bullet_list_open':
      case 'ordered_list_open':
        if (depth++ === 0) {
          list = { ordered: token.type === 'ordered_list_open', start: Number(token.attrGet('start') ?? 1), items: [] };
        }
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        if (--depth === 0 && list) {
          blocks.push({ kind: 'list', ...list });
          list = undefined;
          item = undefined;
        }
        break;
      case 'list_item_open':
        item = [];
        list?.items.push(item);
        break;
      case 'heading_open':
        heading = Number(token.tag.slice(1));
        break;
      case 'inline':
        addInline(inlineNodes(token.children ?? []));
        break;
      case 'heading_close':
        heading = undefined;
        break;
    }
  }
  return { blocks };

  function addInline(children: InlineNode[]): void {
    if (!item) {
      blocks.push(heading !== undefined ? { kind: 'heading', level: heading, children } : { kind: 'paragraph', children });
      return;
    }
    const target = item;
    if (target.length > 0 && children.length > 0) {
      appendText(target, '\n');
    }
    children.forEach((child) => (child.kind === 'text' ? appendText(target, child.text) : target.push(child)));
  }
}

function appendText(nodes: InlineNode[], text: string): void {
  const last = nodes[nodes.length - 1];
  if (last?.kind === 'text') {
    nodes[nodes.length - 1] = { kind: 'text', text: last.text + text };
  } else {
    nodes.push({ kind: 'text', text });
  }
}
