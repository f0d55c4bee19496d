import type { CardMarkdownParser, MarkdownItFactory } from '../core/markdown/card-markdown-parser.js';
import { cardMarkdownParser } from '../core/markdown/card-markdown-parser.js';

let parser: CardMarkdownParser | undefined;

/**
 * The page's markdown-it, configured for card text. The library is the npm package's browser build, copied
 * by build-site.mjs to js/vendor/ and loaded by index.html before this module (served by the viewer itself,
 * no CDN; the page's CSP allows only 'self' scripts); its UMD wrapper sets `globalThis.markdownit`.
 */
export function markdownEngine(): CardMarkdownParser {
  if (!parser) {
    const factory = (globalThis as { markdownit?: MarkdownItFactory }).markdownit;
    if (!factory) {
      throw new Error('markdown-it is not loaded (js/vendor/markdown-it.min.js)');
    }
    parser = cardMarkdownParser(factory);
  }
  return parser;
}
