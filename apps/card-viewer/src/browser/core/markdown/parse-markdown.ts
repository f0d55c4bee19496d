import type { BlockNode, MarkdownDocument } from './markdown-nodes.js';
import { parseInline } from './parse-inline.js';

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const BULLET = /^ {0,3}[-*+][ \t]+(.*)$/;
const ORDERED = /^ {0,3}(\d{1,9})[.)][ \t]+(.*)$/;
/** Four spaces (or a tab) make a line belong to the list item above it, even after a blank line. */
const CONTINUATION = /^(?: {4}|\t)/;

interface OpenList {
  ordered: boolean;
  start: number;
  items: string[][];
}

/**
 * The subset of CommonMark the cards use, as a tree: paragraphs, ATX headings, bullet and ordered lists
 * (one level; deeper items join the list), and the inline syntax of parseInline. A list may interrupt a
 * paragraph ("Based on:\n- …"). Pure: no DOM, no HTML; the DOM adapter turns the tree into text nodes.
 */
export function parseMarkdown(source: string): MarkdownDocument {
  const blocks: BlockNode[] = [];
  let paragraph: string[] | undefined;
  let list: OpenList | undefined;
  let afterBlank = false;

  const closeParagraph = (): void => {
    if (paragraph) {
      blocks.push({ kind: 'paragraph', children: parseInline(paragraph.join('\n').trim()) });
      paragraph = undefined;
    }
  };
  const closeList = (): void => {
    if (list) {
      const items = list.items.map((lines) => parseInline(lines.join('\n').trim()));
      blocks.push({ kind: 'list', ordered: list.ordered, start: list.start, items });
      list = undefined;
    }
  };

  for (const line of source.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.trim() === '') {
      closeParagraph();
      afterBlank = true;
      continue;
    }
    const heading = HEADING.exec(line);
    const bullet = BULLET.exec(line);
    const ordered = bullet ? null : ORDERED.exec(line);
    if (heading) {
      closeParagraph();
      closeList();
      blocks.push({ kind: 'heading', level: heading[1].length, children: parseInline((heading[2] ?? '').trim()) });
    } else if (bullet || ordered) {
      closeParagraph();
      const isOrdered = ordered !== null;
      if (!list || list.ordered !== isOrdered) {
        closeList();
        list = { ordered: isOrdered, start: ordered ? Number(ordered[1]) : 1, items: [] };
      }
      list.items.push([bullet ? bullet[1] : (ordered as RegExpExecArray)[2]]);
    } else if (list && (!afterBlank || CONTINUATION.test(line))) {
      // Lazy continuation of the last item.
      list.items[list.items.length - 1].push(line.trim());
    } else {
      closeList();
      (paragraph ??= []).push(line.replace(/^[ \t]+/, ''));
    }
    afterBlank = false;
  }
  closeParagraph();
  closeList();
  return { blocks };
}
