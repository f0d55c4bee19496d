const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;

/**
 * Whether UTF-8 JSON text nests arrays/objects deeper than `maxDepth`, by one linear scan of the bytes before any
 * parsing (in UTF-8 these ASCII bytes never occur inside a multi-byte character). V8 parses 100,000 nested arrays
 * without complaint, but everything recursive afterwards — JSON.stringify when logging or normalising, any
 * service walking the request — overflows the stack; and a 5 MB body of brackets blocks the event loop for
 * about half a second in JSON.parse alone. Real CDS Hooks requests (prefetch Bundles of FHIR resources) stay far
 * below 100 levels.
 */
export function exceedsJsonNestingDepth(bytes: Uint8Array, maxDepth: number): boolean {
  // Hot path (every request body): an indexed loop, and strings skipped with the native indexOf.
  let depth = 0;
  const n = bytes.length;
  for (let i = 0; i < n; i += 1) {
    const byte = bytes[i];
    if (byte === QUOTE) {
      const end = closingQuote(bytes, i);
      if (end < 0) {
        return false; // unterminated string: JSON.parse will refuse it
      }
      i = end;
    } else if (byte === OPEN_BRACKET || byte === OPEN_BRACE) {
      depth += 1;
      if (depth > maxDepth) {
        return true;
      }
    } else if (byte === CLOSE_BRACKET || byte === CLOSE_BRACE) {
      depth -= 1;
    }
  }
  return false;
}

/** Index of the quote that closes the string opening at `open` (one not escaped by an odd run of backslashes). */
function closingQuote(bytes: Uint8Array, open: number): number {
  let at = open;
  for (;;) {
    at = bytes.indexOf(QUOTE, at + 1);
    if (at < 0) {
      return -1;
    }
    let backslashes = 0;
    for (let k = at - 1; k > open && bytes[k] === BACKSLASH; k -= 1) {
      backslashes += 1;
    }
    if (backslashes % 2 === 0) {
      return at;
    }
  }
}
