import type { BlockNode, InlineNode } from './markdown-nodes';
import markdownit from 'markdown-it';
import { cardMarkdownParser } from './card-markdown-parser';
import { parseMarkdown as parseWith } from './parse-markdown';

const parser = cardMarkdownParser(markdownit);
const parseMarkdown = (source: string): ReturnType<typeof parseWith> => parseWith(parser, source);

const text = (t: string): InlineNode => ({ kind: 'text', text: t });
const p = (...children: InlineNode[]): BlockNode => ({ kind: 'paragraph', children });

describe('parseMarkdown', () => {
  it('reads a real card detail: bold title, advice, "Based on:" with a list right under it, sources with links', () => {
    const detail = [
      '**PCB-32 · Bleeding at 20 weeks or more**',
      '',
      'Same-day obstetric triage. NO digital vaginal examination.',
      '',
      'Based on:',
      '- Pregnancy: pregnant \\(gestational age 30 wk recorded on 2026-11-22\\) (2026-11-22)',
      '- RhD type: negative (2026-07-05)',
      '',
      '**Sources**',
      '- [AAFP 2007: Late pregnancy bleeding](https://www.aafp.org/pubs/afp/issues/2007/0415/p1199.html)',
      '- BellyBelly: Bleeding After Sex During Pregnancy',
    ].join('\n');
    expect(parseMarkdown(detail).blocks).toEqual([
      p({ kind: 'strong', children: [text('PCB-32 · Bleeding at 20 weeks or more')] }),
      p(text('Same-day obstetric triage. NO digital vaginal examination.')),
      p(text('Based on:')),
      {
        kind: 'list',
        ordered: false,
        start: 1,
        items: [
          [text('Pregnancy: pregnant (gestational age 30 wk recorded on 2026-11-22) (2026-11-22)')],
          [text('RhD type: negative (2026-07-05)')],
        ],
      },
      p({ kind: 'strong', children: [text('Sources')] }),
      {
        kind: 'list',
        ordered: false,
        start: 1,
        items: [
          [
            {
              kind: 'link',
              href: 'https://www.aafp.org/pubs/afp/issues/2007/0415/p1199.html',
              children: [text('AAFP 2007: Late pregnancy bleeding')],
            },
          ],
          // Underscores inside words are never emphasis.
          [text('BellyBelly: Bleeding After Sex During Pregnancy')],
        ],
      },
    ]);
  });

  it('keeps raw HTML as text: there is no HTML node at all', () => {
    const doc = parseMarkdown('<img src=x onerror="alert(1)">\n\n<script>alert(1)</script> and <b>bold</b>');
    expect(doc.blocks).toEqual([p(text('<img src=x onerror="alert(1)">')), p(text('<script>alert(1)</script> and <b>bold</b>'))]);
  });

  it('keeps quotes, code blocks, rules and reference definitions as text: the tree has no node for them', () => {
    expect(parseMarkdown('> quoted\n\n    indented\n\n---\n\n[x]: javascript:alert(1)\n[x]').blocks).toEqual([
      p(text('> quoted')),
      p(text('indented')),
      p(text('---')),
      p(text('[x]: javascript:alert(1)\n[x]')),
    ]);
  });

  it('joins the lines of a paragraph with soft breaks and splits paragraphs on blank lines', () => {
    expect(parseMarkdown('one\n  two\n\n\nthree').blocks).toEqual([p(text('one\ntwo')), p(text('three'))]);
  });

  it('reads ordered lists with their start, and a new list when the kind changes', () => {
    expect(parseMarkdown('3. c\n4. d\n- e').blocks).toEqual([
      { kind: 'list', ordered: true, start: 3, items: [[text('c')], [text('d')]] },
      { kind: 'list', ordered: false, start: 1, items: [[text('e')]] },
    ]);
  });

  it('continues an item lazily, and after a blank line only when indented', () => {
    expect(parseMarkdown('- a\ncontinued\n\n    still a\n\nafter').blocks).toEqual([
      { kind: 'list', ordered: false, start: 1, items: [[text('a\ncontinued\nstill a')]] },
      p(text('after')),
    ]);
  });

  it('flattens nested items into the list (one level is all the cards use)', () => {
    expect(parseMarkdown('- a\n  - b').blocks).toEqual([{ kind: 'list', ordered: false, start: 1, items: [[text('a')], [text('b')]] }]);
  });

  it('reads ATX headings and leaves "#hashtag" and "**bold** lines" alone', () => {
    expect(parseMarkdown('## Data gaps ##\n#hashtag\n**x** y').blocks).toEqual([
      { kind: 'heading', level: 2, children: [text('Data gaps')] },
      p(text('#hashtag\n'), { kind: 'strong', children: [text('x')] }, text(' y')),
    ]);
  });

  it('treats an escaped list marker or hash as text', () => {
    expect(parseMarkdown('\\- not a list\n\\# not a heading').blocks).toEqual([p(text('- not a list\n# not a heading'))]);
  });

  it('normalises Windows line ends and gives an empty document for empty text', () => {
    expect(parseMarkdown('a\r\nb').blocks).toEqual([p(text('a\nb'))]);
    expect(parseMarkdown('').blocks).toEqual([]);
    expect(parseMarkdown('  \n\n').blocks).toEqual([]);
  });
});
