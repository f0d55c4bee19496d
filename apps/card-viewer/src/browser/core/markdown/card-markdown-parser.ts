import { safeHttpUrl } from '../util/safe-url.js';

/** The part of a markdown-it token the tree is built from (structural, so core/ needs no markdown-it import). */
export interface MarkdownToken {
  readonly type: string;
  readonly tag: string;
  readonly content: string;
  readonly children: MarkdownToken[] | null;
  attrGet(name: string): string | number | null;
}

/** A configured markdown-it instance, as this module uses it. */
export interface CardMarkdownParser {
  parse(source: string, env: object): MarkdownToken[];
  parseInline(source: string, env: object): MarkdownToken[];
}

interface MarkdownIt extends CardMarkdownParser {
  validateLink: (url: string) => boolean;
  normalizeLink: (url: string) => string;
  disable(rules: string[]): unknown;
}

/** markdown-it's factory: `markdownit` from the npm package (tests) or the page's vendored script (browser). */
export type MarkdownItFactory = (preset: 'commonmark', options: { html: boolean; linkify: boolean; typographer: boolean }) => MarkdownIt;

/**
 * Constructs beyond what the card tree has a node for. Off, they stay literal text (as `> quote` or `---`
 * were before markdown-it), instead of swallowing text (reference definitions) or making elements the
 * renderer does not know (images, code blocks, rules, quotes, autolinks).
 */
const UNUSED_RULES = ['blockquote', 'code', 'fence', 'hr', 'html_block', 'lheading', 'reference', 'autolink', 'html_inline', 'image'];

/**
 * markdown-it configured for card text, the one place its safety options are set:
 * - `html: false`: raw HTML in a card is text (`<img onerror=…>` shows as those characters);
 * - `linkify: false`: only written `[label](url)` links are links;
 * - links: every `[label](url)` is parsed as a link so its label survives, and the tree keeps the link only
 *   when `safeHttpUrl` accepts the destination as written (no `javascript:`, `data:`, relative URLs or
 *   whitespace); `normalizeLink` is the identity so that the check sees the destination unrepaired
 *   (`safeHttpUrl` normalises what it accepts).
 */
export function cardMarkdownParser(markdownit: MarkdownItFactory): CardMarkdownParser {
  const md = markdownit('commonmark', { html: false, linkify: false, typographer: false });
  md.disable(UNUSED_RULES);
  md.normalizeLink = (url) => url;
  md.validateLink = () => true;
  return md;
}

/** The destination of a link token, when it is safe to link to. */
export function safeLinkTarget(token: MarkdownToken): string | undefined {
  const href = token.attrGet('href');
  return safeHttpUrl(typeof href === 'string' ? href : undefined);
}
