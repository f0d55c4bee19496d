/**
 * The card markdown as a tree of plain objects: what the renderer may create, and nothing else. There is no
 * node for HTML: raw HTML in card text is text. Links carry an href already checked to be http(s).
 */
export type InlineNode =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'strong'; readonly children: readonly InlineNode[] }
  | { readonly kind: 'emphasis'; readonly children: readonly InlineNode[] }
  | { readonly kind: 'code'; readonly text: string }
  | { readonly kind: 'link'; readonly href: string; readonly children: readonly InlineNode[] }
  | { readonly kind: 'lineBreak' };

export type BlockNode =
  | { readonly kind: 'paragraph'; readonly children: readonly InlineNode[] }
  /** Level 1–6 as written; the DOM adapter maps it below the card's own heading. */
  | { readonly kind: 'heading'; readonly level: number; readonly children: readonly InlineNode[] }
  | { readonly kind: 'list'; readonly ordered: boolean; readonly start: number; readonly items: readonly (readonly InlineNode[])[] };

export interface MarkdownDocument {
  readonly blocks: readonly BlockNode[];
}
