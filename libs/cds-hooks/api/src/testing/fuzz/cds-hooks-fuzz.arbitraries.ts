import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { JsonMutation } from './json-mutation';

// Arbitraries for fuzzing the CDS Hooks endpoints: edits of valid documents, and ways of sending bytes.

/** Keys worth adding: ones this layer reads, ones that break naive code, ones a service might trust. */
const INTERESTING_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'hook',
  'hookInstance',
  'fhirServer',
  'fhirAuthorization',
  'access_token',
  'context',
  'patientId',
  'userId',
  'encounterId',
  'prefetch',
  'resourceType',
  'unavailablePrefetchKeys',
  'extension',
  'feedback',
  'card',
  'outcome',
  'outcomeTimestamp',
  'overrideReason',
  'acceptedSuggestions',
];

/** A lone UTF-16 surrogate (U+D800…U+DFFF): not Unicode text, though JSON can escape it (`"\\udfff"`). */
export function loneSurrogate(): fc.Arbitrary<string> {
  return fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
}

/**
 * Strings that break naive text handling: any code point (controls, astral, combining), lone surrogates
 * (encodeURIComponent throws on them), and characters with a meaning in URLs and FHIR ids.
 */
export function hostileString(): fc.Arbitrary<string> {
  const unit = fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    { weight: 2, arbitrary: loneSurrogate() },
    { weight: 1, arbitrary: fc.constantFrom('/', '?', '#', '&', '%', '..', ' ', '\u0000', '\u2028', '\ufeff') },
    { weight: 2, arbitrary: fc.constantFrom('a', 'Z', '0', '-', '.') },
  );
  return fc.string({ unit, maxLength: 70 });
}

/** The fields CDS Hooks makes FHIR ids or references, and the hookInstance, as paths into a hook request. */
export const ID_FIELDS: ReadonlyArray<readonly string[]> = [
  ['hookInstance'],
  ['context', 'patientId'],
  ['context', 'userId'],
  ['context', 'encounterId'],
  ['context', 'selections', '0'],
  ['context', 'draftOrders', 'entry', '0', 'resource', 'id'],
];

export function jsonMutation(): fc.Arbitrary<JsonMutation> {
  const path = fc.array(fc.nat({ max: 40 }), { maxLength: 6 });
  const value = fc.oneof({ weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) }, { weight: 1, arbitrary: hostileString() });
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), path }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('replace' as const), path, value }) },
    {
      weight: 3,
      arbitrary: fc.record({
        op: fc.constant('retype' as const),
        path,
        to: fc.constantFrom('string', 'number', 'boolean', 'null', 'array', 'object') as fc.Arbitrary<
          Extract<JsonMutation, { op: 'retype' }>['to']
        >,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ op: fc.constant('huge-string' as const), path, length: fc.integer({ min: 1_000, max: 300_000 }) }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constant('add-key' as const),
        path,
        key: fc.oneof(fc.constantFrom(...INTERESTING_KEYS), fc.string({ maxLength: 12 }), hostileString()),
        value,
      }),
    },
  );
}

export function jsonMutations(): fc.Arbitrary<JsonMutation[]> {
  return fc.array(jsonMutation(), { minLength: 1, maxLength: 4 });
}

/** How the bytes of a body are mangled on the way. */
export type BodyMangling =
  | { kind: 'none' }
  | { kind: 'truncate'; fraction: number }
  | { kind: 'garble'; edits: Array<{ at: number; byte: number }> }
  | { kind: 'replace'; bytes: Uint8Array }
  | { kind: 'invalid-utf8'; edits: Array<{ at: number; sequence: number[] }> }
  | { kind: 'empty' };

/** Byte sequences no UTF-8 decoder may accept (RFC 3629): stray, truncated, overlong, surrogate, too large. */
const INVALID_UTF8: number[][] = [
  [0x80],
  [0xbf],
  [0xc0, 0xaf],
  [0xc1, 0xbf],
  [0xc3],
  [0xe2, 0x82],
  [0xe0, 0x80, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xed, 0xbf, 0xbf],
  [0xf0, 0x82, 0x82, 0xac],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf5, 0x80, 0x80, 0x80],
  [0xfe],
  [0xff],
];

export function bodyMangling(): fc.Arbitrary<BodyMangling> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant({ kind: 'none' as const }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('truncate' as const), fraction: fc.double({ min: 0, max: 1, noNaN: true }) }) },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('garble' as const),
        edits: fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 8 }),
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('replace' as const), bytes: fc.uint8Array({ maxLength: 512 }) }) },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('invalid-utf8' as const),
        edits: fc.array(fc.record({ at: fc.nat(), sequence: fc.constantFrom(...INVALID_UTF8) }), { minLength: 1, maxLength: 3 }),
      }),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'empty' as const }) },
  );
}

export function mangle(body: Buffer, mangling: BodyMangling): Buffer {
  switch (mangling.kind) {
    case 'none':
      return body;
    case 'truncate':
      return body.subarray(0, Math.floor(body.length * mangling.fraction));
    case 'garble': {
      const copy = Buffer.from(body);
      for (const { at, byte } of mangling.edits) {
        if (copy.length > 0) {
          copy[at % copy.length] = byte;
        }
      }
      return copy;
    }
    case 'replace':
      return Buffer.from(mangling.bytes);
    case 'invalid-utf8':
      // Inserted (not overwritten), so the rest of the document stays valid JSON and only the encoding is wrong.
      return mangling.edits.reduce((bytes, { at, sequence }) => {
        const i = at % (bytes.length + 1);
        return Buffer.concat([bytes.subarray(0, i), Buffer.from(sequence), bytes.subarray(i)]);
      }, body);
    case 'empty':
      return Buffer.alloc(0);
  }
}

/** Content types a client might send, right or wrong; `undefined` sends none. */
export function contentType(): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('application/json', 'application/fhir+json', 'application/json; charset=utf-8') },
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        undefined,
        '',
        'text/plain',
        'text/html',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=xyz',
        'application/xml',
        'APPLICATION/JSON',
        'application/json; charset=latin1',
        'application/json; charset=utf-16',
        'application/json; charset=nonsense',
        'application/json;;;',
        'application/json; charset=',
        '*/*',
        'application/*',
        'json',
      ),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }).filter((s) => !/[\r\n\0]/.test(s) && [...s].every((c) => c.charCodeAt(0) < 256)) },
  );
}

export type ContentEncoding = 'gzip' | 'gzip-garbage' | 'deflate' | 'br' | 'x-unknown' | 'identity';

export function contentEncoding(): fc.Arbitrary<ContentEncoding | undefined> {
  return fc.oneof(
    { weight: 12, arbitrary: fc.constant(undefined) },
    { weight: 3, arbitrary: fc.constantFrom<ContentEncoding>('gzip', 'gzip-garbage', 'deflate', 'br', 'x-unknown', 'identity') },
  );
}

/** The body to send and its Content-Encoding header for an encoding choice. */
export function encode(body: Buffer, encoding: ContentEncoding | undefined): { body: Buffer; header?: string } {
  switch (encoding) {
    case undefined:
      return { body };
    case 'gzip':
      return { body: gzipSync(body), header: 'gzip' };
    case 'gzip-garbage':
      return { body, header: 'gzip' };
    default:
      return { body, header: encoding };
  }
}

export function httpMethod(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 20, arbitrary: fc.constant('POST') },
    { weight: 1, arbitrary: fc.constantFrom('GET', 'PUT', 'PATCH', 'DELETE') },
  );
}
