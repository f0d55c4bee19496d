import type { InlineNode } from './markdown-nodes';
import markdownit from 'markdown-it';
import { cardMarkdownParser } from './card-markdown-parser';
import { parseInline as parseWith } from './parse-inline';

const parser = cardMarkdownParser(markdownit);
const parseInline = (source: string): ReturnType<typeof parseWith> => parseWith(parser, source);

const text = (t: string): InlineNode => ({ kind: 'text', text: t });

describe('parseInline', () => {
  it('reads strong, emphasis and code', () => {
    expect(parseInline('a **b** *c* `d`')).toEqual([
      text('a '),
      { kind: 'strong', children: [text('b')] },
      text(' '),
      { kind: 'emphasis', children: [text('c')] },
      text(' '),
      { kind: 'code', text: 'd' },
    ]);
  });

  it('nests emphasis in strong and strong in emphasis', () => {
    expect(parseInline('**a *b* c**')).toEqual([
      { kind: 'strong', children: [text('a '), { kind: 'emphasis', children: [text('b')] }, text(' c')] },
    ]);
    expect(parseInline('*a **b** c*')).toEqual([
      { kind: 'emphasis', children: [text('a '), { kind: 'strong', children: [text('b')] }, text(' c')] },
    ]);
  });

  it('leaves unmatched or spaced asterisks as text', () => {
    expect(parseInline('2 * 3 * 4')).toEqual([text('2 * 3 * 4')]);
    expect(parseInline('**open')).toEqual([text('**open')]);
    expect(parseInline('a* b*')).toEqual([text('a* b*')]);
  });

  it('applies backslash escapes (as the service escapes record text) and keeps other backslashes', () => {
    expect(parseInline('\\*not bold\\* \\[x\\]\\(y\\) \\<b\\> C:\\path')).toEqual([text('*not bold* [x](y) <b> C:\\path')]);
  });

  it('decodes character references into text, never markup (every HTML5 named reference, as CommonMark says)', () => {
    expect(parseInline('&lt;b&gt; &amp; &#60;i&#x3E; &copy; &#0;')).toEqual([text('<b> & <i> \u00a9 \ufffd')]);
  });

  it('keeps code spans literal, including markup and escapes', () => {
    expect(parseInline('`<b>**x**</b>` and ``a ` b``')).toEqual([
      { kind: 'code', text: '<b>**x**</b>' },
      text(' and '),
      { kind: 'code', text: 'a ` b' },
    ]);
    expect(parseInline('`unclosed')).toEqual([text('`unclosed')]);
  });

  it('links http(s) URLs with inline markup in the label, title ignored, parentheses balanced', () => {
    expect(parseInline('see [the **NICE** guide](https://nice.org.uk/a_(b) "title")!')).toEqual([
      text('see '),
      {
        kind: 'link',
        href: 'https://nice.org.uk/a_(b)',
        children: [text('the '), { kind: 'strong', children: [text('NICE')] }, text(' guide')],
      },
      text('!'),
    ]);
    expect(parseInline('[a](<http://x.org/a>)')).toEqual([{ kind: 'link', href: 'http://x.org/a', children: [text('a')] }]);
    // Whitespace in a URL is refused rather than repaired.
    expect(parseInline('[a](<http://x.org/a b>)')).toEqual([text('a')]);
  });

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:x',
    '//evil.example/x',
    '/relative',
    'mailto:a@b.c',
  ])('makes no link to %j, keeping its label as text', (url) => {
    const nodes = parseInline(`[click](${url})`);
    expect(nodes.some((n) => n.kind === 'link')).toBe(false);
    expect(nodes[0].kind === 'text' && nodes[0].text.startsWith(url.includes('\t') ? '[click](' : 'click')).toBe(true);
  });

  it.each([
    ['an entity-encoded scheme', '[click](&#106;avascript:alert(1))'],
    ['an entity-encoded tab in the scheme', '[click](java&#x09;script:alert(1))'],
    ['a percent-encoded scheme', '[click](%6Aavascript:alert(1))'],
  ])('makes no link from %s (markdown-it decodes, then the check refuses)', (_name, source) => {
    expect(parseInline(source).some((n) => n.kind === 'link')).toBe(false);
  });

  it.each([
    ['an autolink', '<javascript:alert(1)>'],
    ['raw inline HTML', 'a <a href="javascript:alert(1)">b</a>'],
  ])('keeps %s as text (no autolinks or HTML in card text)', (_name, source) => {
    expect(parseInline(source).every((n) => n.kind === 'text')).toBe(true);
  });

  it('shows an image as a link to it, never as an image', () => {
    expect(parseInline('![x](https://example.org/x.png)')).toEqual([
      text('!'),
      { kind: 'link', href: 'https://example.org/x.png', children: [text('x')] },
    ]);
  });

  it('does not nest links (the inner one wins, as CommonMark says) and leaves a bracket that is no link as text', () => {
    expect(parseInline('[a [b](http://x.org/) c](http://y.org/)')).toEqual([
      text('[a '),
      { kind: 'link', href: 'http://x.org/', children: [text('b')] },
      text(' c](http://y.org/)'),
    ]);
    expect(parseInline('[not a link] (http://x.org)')).toEqual([text('[not a link] (http://x.org)')]);
  });

  it('reads hard line breaks (two spaces or a backslash before the newline) and keeps soft ones as newlines', () => {
    expect(parseInline('a  \nb\\\nc\nd')).toEqual([text('a'), { kind: 'lineBreak' }, text('b'), { kind: 'lineBreak' }, text('c\nd')]);
  });
});
