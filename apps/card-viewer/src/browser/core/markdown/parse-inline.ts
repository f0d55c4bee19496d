import { safeHttpUrl } from '../util/safe-url.js';
import { readCharacterReference } from './character-references.js';
import type { InlineNode } from './markdown-nodes.js';

/** CommonMark's backslash-escapable characters: `\*` is a literal asterisk, `\<` a literal `<`. */
const ESCAPABLE = /^[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]$/;

/**
 * Inline card markdown → nodes: `**strong**`, `*emphasis*`, `` `code` ``, `[label](http(s) URL)`, backslash
 * escapes, character references, hard line breaks. Everything else — `<tags>`, `_underscores_`, unknown
 * syntax — stays literal text. A link to anything but http(s) keeps its label as plain text.
 */
export function parseInline(source: string): InlineNode[] {
  return parse(source, true);
}

function parse(src: string, allowLinks: boolean): InlineNode[] {
  const out: InlineNode[] = [];
  let text = '';
  const flush = (): void => {
    if (text !== '') {
      out.push({ kind: 'text', text });
      text = '';
    }
  };
  const push = (...nodes: InlineNode[]): void => {
    flush();
    out.push(...nodes);
  };

  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') {
      const next = src[i + 1];
      if (next === '\n') {
        push({ kind: 'lineBreak' });
        i = skipSpaces(src, i + 2);
      } else if (next !== undefined && ESCAPABLE.test(next)) {
        text += next;
        i += 2;
      } else {
        text += c;
        i += 1;
      }
      continue;
    }
    if (c === '\n') {
      const hard = / {2,}$/.test(text);
      text = text.replace(/ +$/, '');
      if (hard) {
        push({ kind: 'lineBreak' });
      } else {
        text += '\n';
      }
      i = skipSpaces(src, i + 1);
      continue;
    }
    if (c === '`') {
      const span = readCodeSpan(src, i);
      if (span) {
        push({ kind: 'code', text: span.text });
        i = span.end;
      } else {
        const run = runLength(src, i, '`');
        text += '`'.repeat(run);
        i += run;
      }
      continue;
    }
    if (c === '&') {
      const reference = readCharacterReference(src.slice(i));
      text += reference ? reference.value : c;
      i += reference ? reference.length : 1;
      continue;
    }
    if (c === '*') {
      const emphasis = readEmphasis(src, i);
      if (emphasis) {
        push({ kind: emphasis.strong ? 'strong' : 'emphasis', children: parse(emphasis.inner, allowLinks) });
        i = emphasis.end;
        continue;
      }
    }
    if (c === '[' && allowLinks) {
      const link = readLink(src, i);
      if (link) {
        // Links do not nest: a `[` inside a label is text.
        const children = parse(link.label, false);
        const href = safeHttpUrl(link.destination);
        push(...(href === undefined ? children : [{ kind: 'link', href, children } as const]));
        i = link.end;
        continue;
      }
    }
    text += c;
    i += 1;
  }
  flush();
  return mergeText(out);
}

function skipSpaces(src: string, from: number): number {
  let i = from;
  while (src[i] === ' ' || src[i] === '\t') {
    i += 1;
  }
  return i;
}

function runLength(src: string, from: number, char: string): number {
  let n = 0;
  while (src[from + n] === char) {
    n += 1;
  }
  return n;
}

/** A code span: a run of backticks, closed by a run of the same length; its content is literal. */
function readCodeSpan(src: string, from: number): { text: string; end: number } | undefined {
  const run = runLength(src, from, '`');
  let j = from + run;
  while (j < src.length) {
    if (src[j] === '`') {
      const closing = runLength(src, j, '`');
      if (closing === run) {
        let text = src.slice(from + run, j).replace(/\n/g, ' ');
        if (text.length > 1 && text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '') {
          text = text.slice(1, -1);
        }
        return { text, end: j + run };
      }
      j += closing;
    } else {
      j += 1;
    }
  }
  return undefined;
}

/**
 * `**strong**` or `*emphasis*`: the opening is not followed by a space and the closing not preceded by one
 * (so `2 * 3 * 4` stays text). The closing is searched past escapes and code spans.
 */
function readEmphasis(src: string, from: number): { strong: boolean; inner: string; end: number } | undefined {
  const strong = src.startsWith('**', from);
  const width = strong ? 2 : 1;
  const open = from + width;
  if (open >= src.length || /\s/.test(src[open])) {
    return undefined;
  }
  let j = open;
  while (j < src.length) {
    const c = src[j];
    if (c === '\\') {
      j += 2;
      continue;
    }
    if (c === '`') {
      const span = readCodeSpan(src, j);
      j = span ? span.end : j + runLength(src, j, '`');
      continue;
    }
    if (c === '*') {
      const run = runLength(src, j, '*');
      const fits = strong ? run >= 2 : run === 1;
      if (fits && j > open && !/\s/.test(src[j - 1])) {
        return { strong, inner: src.slice(open, j), end: j + width };
      }
      j += run;
      continue;
    }
    j += 1;
  }
  return undefined;
}

/** `[label](destination "optional title")`; the destination may be `<…>` or bare with balanced parentheses. */
function readLink(src: string, from: number): { label: string; destination: string; end: number } | undefined {
  const labelEnd = closingBracket(src, from);
  if (labelEnd === undefined || src[labelEnd + 1] !== '(') {
    return undefined;
  }
  let j = skipSpaces(src, labelEnd + 2);
  let destination = '';
  if (src[j] === '<') {
    const close = src.indexOf('>', j + 1);
    if (close < 0 || src.slice(j + 1, close).includes('\n')) {
      return undefined;
    }
    destination = src.slice(j + 1, close);
    j = close + 1;
  } else {
    let depth = 0;
    while (j < src.length && !/\s/.test(src[j])) {
      const c = src[j];
      if (c === '\\' && j + 1 < src.length && ESCAPABLE.test(src[j + 1])) {
        destination += src[j + 1];
        j += 2;
        continue;
      }
      if (c === '(') {
        depth += 1;
      } else if (c === ')') {
        if (depth === 0) {
          break;
        }
        depth -= 1;
      }
      destination += c;
      j += 1;
    }
  }
  j = skipTitle(src, skipSpaces(src, j));
  j = skipSpaces(src, j);
  return src[j] === ')' ? { label: src.slice(from + 1, labelEnd), destination, end: j + 1 } : undefined;
}

function closingBracket(src: string, from: number): number | undefined {
  let depth = 0;
  for (let j = from; j < src.length; j += 1) {
    const c = src[j];
    if (c === '\\') {
      j += 1;
    } else if (c === '[') {
      depth += 1;
    } else if (c === ']') {
      depth -= 1;
      if (depth === 0) {
        return j;
      }
    }
  }
  return undefined;
}

function skipTitle(src: string, from: number): number {
  const open = src[from];
  const close = open === '"' ? '"' : open === "'" ? "'" : open === '(' ? ')' : undefined;
  if (close === undefined) {
    return from;
  }
  const end = src.indexOf(close, from + 1);
  return end < 0 ? from : end + 1;
}

function mergeText(nodes: InlineNode[]): InlineNode[] {
  const merged: InlineNode[] = [];
  for (const node of nodes) {
    const last = merged[merged.length - 1];
    if (node.kind === 'text' && last?.kind === 'text') {
      merged[merged.length - 1] = { kind: 'text', text: last.text + node.text };
    } else {
      merged.push(node);
    }
  }
  return merged;
}
