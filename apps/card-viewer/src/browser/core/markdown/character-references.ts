const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/**
 * Decodes the character references CommonMark text may hold (`&amp;`, `&#60;`, `&#x3C;`): they become
 * characters in a text node, never markup. Unknown names stay as written.
 * @returns the decoded text and how many source characters it used, or undefined if `text` does not start with one.
 */
export function readCharacterReference(text: string): { value: string; length: number } | undefined {
  const match = /^&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([a-zA-Z]{2,8}));/.exec(text);
  if (!match) {
    return undefined;
  }
  const [whole, hex, decimal, name] = match;
  if (name !== undefined) {
    const named = NAMED[name];
    return named === undefined ? undefined : { value: named, length: whole.length };
  }
  const code = hex !== undefined ? parseInt(hex, 16) : parseInt(decimal, 10);
  const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
  return { value: valid ? String.fromCodePoint(code) : '\ufffd', length: whole.length };
}
