/**
 * The only links the viewer makes: absolute http(s) URLs. `javascript:`, `data:`, `vbscript:`, relative and
 * protocol-relative URLs are refused, as is anything with whitespace or control characters (which browsers
 * strip, turning `java\tscript:` into `javascript:`).
 * @returns the normalised URL, or undefined when it is not safe to link.
 */
export function safeHttpUrl(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '' || /\s/.test(raw) || hasControlCharacter(raw)) {
    return undefined;
  }
  if (!/^https?:\/\//i.test(raw)) {
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) {
      return true;
    }
  }
  return false;
}
