import type { CardMarkdownParser, MarkdownToken } from './card-markdown-parser.js';
import { safeLinkTarget } from './card-markdown-parser.js';
import type { InlineNode } from './markdown-nodes.js';

type Container = { kind: 'strong' | 'emphasis' | 'link' | 'root'; href?: string; children: InlineNode[] };

/** Inline card markdown → nodes (strong, emphasis, code, http(s) links, line breaks; everything else text). */
export function parseInline(parser: CardMarkdownParser, source: string): InlineNode[] {
  return inlineNodes(parser.parseInline(source, {})[0]?.children ?? []);
}

/**
 * markdown-it's inline tokens → nodes. Adjacent text merges (a soft break is a newline in it); a link whose
 * destination is not safe keeps its label as text; a token this tree has no node for becomes its text.
 */
export function inlineNodes(tokens: readonly MarkdownToken[]): InlineNode[] {
  const root: Container = { kind: 'root', children: [] };
  const stack: Container[] = [root];
  const top = (): Container => stack[stack.length - 1];
  const text = (value: string): void => {
    const siblings = top().children;
    const last = siblings[siblings.length - 1];
    if (last?.kind === 'text') {
      siblings[siblings.length - 1] = { kind: 'text', text: last.text + value };
    } else if (value !== '') {
      siblings.push({ kind: 'text', text: value });
    }
  };
  const open = (container: Container): void => {
    stack.push(container);
  };
  const close = (kind: Container['kind']): void => {
    const container = stack.length > 1 && top().kind === kind ? (stack.pop() as Container) : undefined;
    if (!container) {
      return;
    }
    if (container.kind === 'link' && container.href === undefined) {
      container.children.forEach((child) => (child.kind === 'text' ? text(child.text) : top().children.push(child)));
      return;
    }
    const node: InlineNode =
      container.kind === 'link'
        ? { kind: 'link', href: container.href as string, children: container.children }
        : { kind: container.kind as 'strong' | 'emphasis', children: container.children };
    top().children.push(node);
  };

  for (const token of tokens) {
    switch (token.type) {
      case 'strong_open':
        open({ kind: 'strong', children: [] });
        break;
      case 'em_open':
        open({ kind: 'emphasis', children: [] });
        break;
      case 'link_open':
        open({ kind: 'link', href: safeLinkTarget(token), children: [] });
        break;
      case 'strong_close':
        close('strong');
        break;
      case 'em_close':
        close('emphasis');
        break;
      case 'link_close':
        close('link');
        break;
      case 'code_inline':
        top().children.push({ kind: 'code', text: token.content });
        break;
      case 'hardbreak':
        top().children.push({ kind: 'lineBreak' });
        break;
      case 'softbreak':
        text('\n');
        break;
      default:
        text(token.content);
    }
  }
  while (stack.length > 1) {
    close(top().kind);
  }
  return root.children;
}
