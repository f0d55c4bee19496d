import { isUtf8 as isValidUtf8 } from 'node:buffer';
import { json } from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { exceedsJsonNestingDepth } from './json-nesting-depth';
import { findLoneSurrogate } from './lone-surrogate';
import { OperationOutcomeException } from './operation-outcome.exception';
import { findPrototypePollutionKey } from './prototype-pollution-key';

/** CDS clients send `application/json`; FHIR-minded ones send `application/fhir+json`. */
export const JSON_MEDIA_TYPES = ['application/json', 'application/fhir+json'];

export const DEFAULT_BODY_LIMIT = '5mb';
export const DEFAULT_MAX_JSON_DEPTH = 100;

export interface JsonBodyParserOptions {
  /** Largest accepted body; default 5 MB. */
  limit?: string | number;
  /** Deepest nesting of arrays/objects; default 100. */
  maxDepth?: number;
}

/** body-parser's `type` for a body refused by the nesting check (its own types are `entity.*` too). */
const TOO_DEEP = 'entity.too.deep';
/** … and for a body whose bytes are not UTF-8 (body-parser's decoder would have replaced them silently). */
const NOT_UTF8 = 'entity.not.utf8';

/**
 * express.json for the CDS Hooks media types, hardened against hostile bodies, whose errors become
 * OperationOutcome exceptions with fixed texts: body-parser's own errors carry the raw body (`err.body`) and
 * JSON.parse messages quote part of it, which may include the access token.
 * - UTF-8 only (RFC 8259 §8.1), so that the nesting check can scan bytes: another charset → 415; bytes that are
 *   not valid UTF-8 → 400 (rather than decoded into U+FFFD, which would change ids without anyone noticing).
 * - Nesting deeper than `maxDepth` → 400 before JSON.parse runs (see exceedsJsonNestingDepth).
 * - `__proto__` / `constructor.prototype` keys → 400 (see findPrototypePollutionKey).
 * - A string or key with a lone surrogate escape (`"\udfff"`) or `\u0000` → 400 (see findLoneSurrogate).
 */
export function createJsonBodyParser(options: JsonBodyParserOptions = {}): RequestHandler {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_JSON_DEPTH;
  if (!Number.isInteger(maxDepth) || maxDepth < 1) {
    throw new Error('maxJsonDepth must be a positive integer');
  }
  const parse = json({
    limit: options.limit ?? DEFAULT_BODY_LIMIT,
    type: JSON_MEDIA_TYPES,
    verify: (_req, _res, body: Buffer) => {
      if (!isValidUtf8(body)) {
        throw Object.assign(new Error('not UTF-8'), { type: NOT_UTF8 });
      }
      if (exceedsJsonNestingDepth(body, maxDepth)) {
        throw Object.assign(new Error('JSON nesting too deep'), { type: TOO_DEEP });
      }
    },
  });
  // Named `jsonParser` on purpose: Nest skips registering its own JSON parser (100 kB limit) when one with this
  // name is already on the Express stack, so this one also wins in an app created with the default bodyParser.
  return function jsonParser(req: Request, res: Response, next: NextFunction): void {
    if (req.is(JSON_MEDIA_TYPES) && !isUtf8(req.headers['content-type'])) {
      next(OperationOutcomeException.of(415, 'not-supported', 'The request body must be UTF-8 JSON'));
      return;
    }
    parse(req, res, (error?: unknown) => {
      if (error !== undefined) {
        next(toOperationOutcomeException(error, maxDepth));
        return;
      }
      const key = findPrototypePollutionKey(req.body);
      const surrogate = key === undefined ? findLoneSurrogate(req.body) : undefined;
      next(key !== undefined ? pollutingKeyException(key) : surrogate !== undefined ? loneSurrogateException(surrogate) : undefined);
    });
  };
}

/**
 * The lean reader's half of this parser (see read-json-body.ts): UTF-8 bytes → value, with the same checks and
 * the same errors. Strict like body-parser's: only an object or an array at the top; an empty body is `{}`.
 */
export function parseJsonBytes(bytes: Buffer, maxDepth: number): unknown {
  if (!isValidUtf8(bytes)) {
    throw toOperationOutcomeException({ type: NOT_UTF8 }, maxDepth);
  }
  if (exceedsJsonNestingDepth(bytes, maxDepth)) {
    throw toOperationOutcomeException({ type: TOO_DEEP }, maxDepth);
  }
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1); // a byte order mark, as body-parser's decoder drops it
  }
  const first = /\S/.exec(text)?.[0];
  if (first === undefined) {
    return {};
  }
  let value: unknown;
  try {
    if (first !== '{' && first !== '[') {
      throw new SyntaxError('not an object or array');
    }
    value = JSON.parse(text);
  } catch {
    throw toOperationOutcomeException({ type: 'entity.parse.failed' }, maxDepth);
  }
  // Without "proto" in the text, and no \u escape that could spell it, no key can be __proto__ or prototype.
  const escapes = text.includes('\\u');
  const key = text.includes('proto') || escapes ? findPrototypePollutionKey(value) : undefined;
  if (key !== undefined) {
    throw pollutingKeyException(key);
  }
  // Valid UTF-8 cannot encode a lone surrogate, and JSON no raw U+0000 in a string: only a \u escape can make one.
  const surrogate = escapes ? findLoneSurrogate(value) : undefined;
  if (surrogate !== undefined) {
    throw loneSurrogateException(surrogate);
  }
  return value;
}

function loneSurrogateException(path: string): OperationOutcomeException {
  const field = path.length > 200 ? `${path.slice(0, 200)}…` : path;
  return OperationOutcomeException.of(
    400,
    'value',
    'The request body contains a string that is not valid text (a lone surrogate escape or \\u0000)',
    { expression: [field] },
  );
}

function pollutingKeyException(key: string): OperationOutcomeException {
  const field = key.length > 200 ? `${key.slice(0, 200)}…` : key;
  return OperationOutcomeException.of(
    400,
    'security',
    'The request body contains a key that is not allowed (__proto__ or constructor.prototype)',
    { expression: [field] },
  );
}

/** No charset parameter means UTF-8 for JSON. */
export function isUtf8(contentType: string | undefined): boolean {
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(contentType ?? '')?.[1];
  return charset === undefined || charset.toLowerCase() === 'utf-8';
}

export function toOperationOutcomeException(error: unknown, maxDepth: number): unknown {
  const { type, status } = (error ?? {}) as { type?: unknown; status?: unknown };
  switch (type) {
    case 'entity.parse.failed':
      return OperationOutcomeException.of(400, 'structure', 'The request body is not valid JSON');
    case NOT_UTF8:
      return OperationOutcomeException.of(400, 'structure', 'The request body is not valid UTF-8');
    case TOO_DEEP:
      return OperationOutcomeException.of(400, 'structure', `The request body nests arrays or objects more than ${maxDepth} levels deep`);
    case 'entity.too.large':
      return OperationOutcomeException.of(413, 'too-long', 'The request body is larger than the allowed limit');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return OperationOutcomeException.of(415, 'not-supported', 'The request body must be UTF-8 JSON');
    case 'request.aborted':
    case 'request.size.invalid':
      return OperationOutcomeException.of(400, 'incomplete', 'The request body was not received completely');
    default:
      // Other client errors of body-parser without a type, e.g. a gzip body that does not inflate.
      if (typeof status === 'number' && status >= 400 && status < 500) {
        return OperationOutcomeException.of(400, 'structure', 'The request body could not be read');
      }
      return error; // not body-parser's: the filter answers a generic 500
  }
}
