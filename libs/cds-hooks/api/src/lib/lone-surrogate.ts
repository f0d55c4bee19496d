// A UTF-16 surrogate not paired with its other half: in a `u` regular expression, paired surrogates form one
// astral code point, so only an unpaired one matches. U+0000 too: valid JSON (`\u0000`) and valid Unicode, but
// not FHIR text and refused by PostgreSQL (text and jsonb, errors 22021/22P05): let through, a feedback entry
// holding one would be answered 503 "retry" for ever, and a hookInstance holding one would wedge the card
// ledger's retry queue.
// eslint-disable-next-line no-control-regex -- U+0000 is what this looks for
const LONE_SURROGATE = /[\p{Cs}\u0000]/u;

/** A value still to look at, and how it was reached (for the path of a hit). */
interface Pending {
  value: unknown;
  path: string;
}

/**
 * The path (e.g. `context.patientId`) of the first string or key of a parsed JSON value holding a lone
 * surrogate (or U+0000, see above), undefined when there is none. Such strings come only from `\uD800`…`\uDFFF` escapes (valid UTF-8
 * cannot encode them); they are not Unicode text, cannot be percent-encoded into a FHIR URL (encodeURIComponent
 * throws URIError) nor written as UTF-8, so a body holding one is refused as a whole rather than half-served.
 * Iterative, so no body can exhaust the stack here.
 */
export function findLoneSurrogate(value: unknown): string | undefined {
  const pending: Pending[] = [{ value, path: '' }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const current = item.value;
    if (typeof current === 'string') {
      if (LONE_SURROGATE.test(current)) {
        return item.path || '(body)';
      }
      continue;
    }
    if (typeof current !== 'object' || current === null) {
      continue;
    }
    if (Array.isArray(current)) {
      for (let i = 0; i < current.length; i += 1) {
        pending.push({ value: current[i], path: `${item.path}[${i}]` });
      }
      continue;
    }
    for (const key of Object.keys(current)) {
      const path = item.path === '' ? key : `${item.path}.${key}`;
      if (LONE_SURROGATE.test(key)) {
        return printable(path);
      }
      pending.push({ value: (current as Record<string, unknown>)[key], path });
    }
  }
  return undefined;
}

/** A path that names a key with a lone surrogate, made safe to put in a response (the surrogate → U+FFFD). */
function printable(path: string): string {
  return path.replace(new RegExp(LONE_SURROGATE.source, 'gu'), '\ufffd');
}
