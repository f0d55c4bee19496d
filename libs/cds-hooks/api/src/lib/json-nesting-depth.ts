const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x5b, 0x7b]); // [ {
const CLOSERS = new Set([0x5d, 0x7d]); // ] }

/**
 * Whether UTF-8 JSON text nests arrays/objects deeper than `maxDepth`, by one linear scan of the bytes before any
 * parsing (in UTF-8 these ASCII bytes never occur inside a multi-byte character). V8 parses 100,000 nested arrays
 * without complaint, but everything recursive afterwards — JSON.stringify when logging or normalising, any
 * service walking the request — overflows the stack; and a 5 MB body of brackets blocks the event loop for
 * about half a second in JSON.parse alone. Real CDS Hooks requests (prefetch Bundles of FHIR resources) stay far
 * below 100 levels.
 */
export function exceedsJsonNestingDepth(bytes: Uint8Array, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (const byte of bytes) {
    if (inString) {
      if (escaped) {
        escaped = false;
      } else if (byte === BACKSLASH) {
        escaped = true;
      } else if (byte === QUOTE) {
        inString = false;
      }
    } else if (byte === QUOTE) {
      inString = true;
    } else if (OPENERS.has(byte)) {
      depth += 1;
      if (depth > maxDepth) {
        return true;
      }
    } else if (CLOSERS.has(byte)) {
      depth -= 1;
    }
  }
  return false;
}
