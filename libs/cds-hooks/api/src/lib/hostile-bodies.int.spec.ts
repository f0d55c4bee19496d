import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import type { CdsHooksTestApp } from '../testing';
import { createCdsHooksTestApp, HOOK_ENDPOINT_WAYS, RecordingCdsService } from '../testing';

// Bodies written to hurt: each must end as a 4xx OperationOutcome without reaching the service, without a
// 500, and without leaving anything behind (a polluted prototype, a blocked event loop — bounded by the jest
// timeout, no timing assertion).

const TOKEN = 'hostile-token-5e0d2a61';
const BOUND = 15_000;
const service = new RecordingCdsService({ prefetch: {} });
let testApp: CdsHooksTestApp;
let baseUrl: string;
const bodies: string[] = [];

interface Answer {
  status: number;
  contentType: string;
  text: string;
  body: { resourceType?: string; issue: Array<{ code: string; details: { text: string }; expression?: string[] }> };
}

const valid = {
  hook: 'patient-view',
  hookInstance: 'hostile',
  fhirServer: 'https://ehr.example.org/fhir',
  fhirAuthorization: { access_token: TOKEN, token_type: 'Bearer', expires_in: 300, scope: 'user/*.read', subject: 'cds' },
  context: { patientId: 'p1' },
};

/** Over a real socket with fetch: the exact bytes and headers given (supertest would re-serialise a Buffer). */
async function send(
  path: string,
  body: string | Buffer,
  headers: Record<string, string> = { 'Content-Type': 'application/json' },
): Promise<Answer> {
  const res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers, body });
  const text = await res.text();
  bodies.push(text);
  let parsed: Answer['body'] = { issue: [] };
  try {
    parsed = JSON.parse(text) as Answer['body'];
  } catch {
    // left empty: the status assertion reports the problem
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, body: parsed };
}

function expectOutcome(res: Answer, status: number): { code: string; text: string; expression?: string[] } {
  expect(res.status).toBe(status);
  expect(res.contentType).toMatch(/^application\/json/);
  expect(res.body.resourceType).toBe('OperationOutcome');
  return { code: res.body.issue[0].code, text: res.body.issue[0].details.text, expression: res.body.issue[0].expression };
}

/** `{"a":{"a":…}}` with `depth` objects. */
function nestedObjects(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

// Both ways the hook endpoint is served, held to the same answers.
describe.each(HOOK_ENDPOINT_WAYS)('%s', (_way, http) => {
  beforeAll(async () => {
    testApp = await createCdsHooksTestApp({ services: [service], rateLimit: false }, { http });
    await testApp.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(testApp.server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  beforeEach(() => {
    service.received.length = 0;
  });

  afterEach(() => {
    // Nothing may have been written onto Object.prototype by any body of this file.
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  describe('deep nesting', () => {
    it.each([
      ['100,000 nested arrays', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
      ['100,000 nested objects', nestedObjects(100_000)],
      ['4 MB of opening brackets', '['.repeat(4 * 1024 * 1024)],
      ['a valid request with 101 levels in its extension', JSON.stringify({ ...valid, extension: JSON.parse(nestedObjects(100)) })],
    ])(
      '400 for %s, before the service',
      async (_name, body) => {
        const issue = expectOutcome(await send('/cds-services/recording-service', body), 400);
        expect(issue.text).toMatch(/more than 100 levels deep/);
        expect(service.received).toHaveLength(0);
      },
      BOUND,
    );

    it('400 for deep nesting in a feedback body too', async () => {
      expectOutcome(
        await send('/cds-services/recording-service/feedback', `{"feedback":${'['.repeat(100_000)}${']'.repeat(100_000)}}`),
        400,
      );
    });

    it('accepts a request nested 60 levels deep (real prefetch Bundles are far shallower)', async () => {
      const res = await send('/cds-services/recording-service', JSON.stringify({ ...valid, extension: JSON.parse(nestedObjects(58)) }));
      expect(res.status).toBe(200);
    });

    it('counts brackets inside strings as text, not nesting', async () => {
      const res = await send('/cds-services/recording-service', JSON.stringify({ ...valid, extension: { text: '['.repeat(100_000) } }));
      expect(res.status).toBe(200);
    });
  });

  describe('huge bodies', () => {
    it('413 for a 6 MB body', async () => {
      expectOutcome(
        await send('/cds-services/recording-service', JSON.stringify({ ...valid, extension: { x: 'x'.repeat(6 * 1024 * 1024) } })),
        413,
      );
    });

    it('413 for a gzip body that inflates beyond the limit (a zip bomb), though small on the wire', async () => {
      const bomb = gzipSync(Buffer.from(JSON.stringify({ ...valid, extension: { x: '0'.repeat(20 * 1024 * 1024) } })));
      expect(bomb.length).toBeLessThan(100 * 1024);
      expectOutcome(
        await send('/cds-services/recording-service', bomb, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }),
        413,
      );
    });

    it('400 (not 500) for a gzip body that does not inflate', async () => {
      expectOutcome(
        await send('/cds-services/recording-service', Buffer.from('not gzip at all'), {
          'Content-Type': 'application/json',
          'Content-Encoding': 'gzip',
        }),
        400,
      );
    });

    it('415 for an unknown content encoding', async () => {
      expectOutcome(
        await send('/cds-services/recording-service', JSON.stringify(valid), {
          'Content-Type': 'application/json',
          'Content-Encoding': 'x-foo',
        }),
        415,
      );
    });

    it('200 for a valid gzip body', async () => {
      const res = await send('/cds-services/recording-service', gzipSync(Buffer.from(JSON.stringify(valid))), {
        'Content-Type': 'application/json',
        'Content-Encoding': 'gzip',
      });
      expect(res.status).toBe(200);
    });
  });

  describe('charsets', () => {
    it.each(['iso-8859-1', 'utf-16le', 'utf-16'])('415 for charset=%s', async (charset) => {
      expectOutcome(
        await send('/cds-services/recording-service', JSON.stringify(valid), { 'Content-Type': `application/json; charset=${charset}` }),
        415,
      );
    });

    it.each(['utf-8', 'UTF-8', '"utf-8"'])('accepts charset=%s', async (charset) => {
      expect(
        (await send('/cds-services/recording-service', JSON.stringify(valid), { 'Content-Type': `application/json; charset=${charset}` }))
          .status,
      ).toBe(200);
    });
  });

  describe('bytes that are not UTF-8 and strings that are not Unicode', () => {
    const json = Buffer.from(JSON.stringify(valid), 'utf8');
    /** The valid request with `bytes` in place of the patient id's first character. */
    const withBytes = (bytes: number[]): Buffer => {
      const at = json.indexOf('"p1"') + 1;
      return Buffer.concat([json.subarray(0, at), Buffer.from(bytes), json.subarray(at + 1)]);
    };

    it.each([
      ['a lone continuation byte', [0x80]],
      ['a truncated 2-byte sequence', [0xc3]],
      ['an overlong encoding of "/"', [0xc0, 0xaf]],
      ['a UTF-8-encoded surrogate (CESU-8)', [0xed, 0xbf, 0xbf]],
      ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
      ['0xFF', [0xff]],
    ])('400 for %s, plain or gzip, to a service or to feedback; the service is not called', async (_name, bytes) => {
      const body = withBytes(bytes);
      for (const [path, headers, sent] of [
        ['/cds-services/recording-service', { 'Content-Type': 'application/json' }, body],
        ['/cds-services/recording-service', { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, gzipSync(body)],
        [
          '/cds-services/recording-service/feedback',
          { 'Content-Type': 'application/json' },
          Buffer.from(`{"feedback":[{"card":"${Buffer.from(bytes).toString('latin1')}"}]}`, 'latin1'),
        ],
      ] as const) {
        expect(expectOutcome(await send(path, sent, headers), 400).text).toBe('The request body is not valid UTF-8');
      }
      expect(service.received).toHaveLength(0);
    });

    it.each([
      ['context.patientId', { ...valid, context: { patientId: '\udfff' } }],
      ['hookInstance', { ...valid, hookInstance: 'h\ud800' }],
      ['context.userId', { ...valid, context: { patientId: 'p1', userId: 'Practitioner/\udc00x' } }],
      [
        'context.draftOrders.entry[0].resource.id',
        {
          ...valid,
          context: {
            patientId: 'p1',
            draftOrders: { resourceType: 'Bundle', entry: [{ resource: { resourceType: 'ServiceRequest', id: '\udfff' } }] },
          },
        },
      ],
      ['extension.note', { ...valid, extension: { note: 'reversed \udc00\ud800 pair' } }],
    ])('400 naming %s for a lone surrogate escape, plain or gzip; the service is not called', async (field, body) => {
      const text = JSON.stringify(body);
      expect(text).toMatch(/\\ud[89a-f]/i); // JSON.stringify escapes a lone surrogate: the body is ASCII
      for (const [headers, sent] of [
        [{ 'Content-Type': 'application/json' }, text],
        [{ 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, gzipSync(Buffer.from(text))],
      ] as const) {
        const issue = expectOutcome(await send('/cds-services/recording-service', sent, headers), 400);
        expect(issue.expression).toEqual([field]);
      }
      expect(service.received).toHaveLength(0);
    });

    it('400 for a lone surrogate in feedback', async () => {
      const body =
        '{"feedback":[{"card":"\\udfff","outcome":"overridden","outcomeTimestamp":"2026-01-01T00:00:00Z","overrideReason":{"userComment":"x"}}]}';
      expect(expectOutcome(await send('/cds-services/recording-service/feedback', body), 400).expression).toEqual(['feedback[0].card']);
    });

    it('accepts escaped surrogate pairs, escaped accents and a byte order mark', async () => {
      const escaped = JSON.stringify({ ...valid, extension: { note: 'ok' } }).replace('"ok"', '"\\ud83d\\ude00 \\u00e9"');
      expect((await send('/cds-services/recording-service', escaped)).status).toBe(200);
      expect(
        (
          await send(
            '/cds-services/recording-service',
            Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(valid))]),
          )
        ).status,
      ).toBe(200);
    });
  });

  describe('prefetch values', () => {
    it.each([
      ['a number', { patient: 42 }, 'prefetch.patient'],
      ['a string', { patient: 'Patient/1' }, 'prefetch.patient'],
      ['a boolean', { patient: true }, 'prefetch.patient'],
      ['an array', { patient: [] }, 'prefetch.patient'],
      ['an object without resourceType', { patient: { id: 'x' } }, 'prefetch.patient'],
    ])('400 for a prefetch value that is %s', async (_name, prefetch, field) => {
      const issue = expectOutcome(await send('/cds-services/recording-service', JSON.stringify({ ...valid, prefetch })), 400);
      expect(issue.expression).toEqual([field]);
      expect(service.received).toHaveLength(0);
    });

    it.each([
      ['a string', 'x'],
      ['a number', 1],
      ['an array', []],
      ['null', null],
    ])('400 for a prefetch that is %s', async (_name, prefetch) => {
      expect(expectOutcome(await send('/cds-services/recording-service', JSON.stringify({ ...valid, prefetch })), 400).expression).toEqual([
        'prefetch',
      ]);
    });
  });

  describe('prototype pollution', () => {
    it.each([
      [
        '__proto__ at the top',
        '{"__proto__":{"polluted":true},"hook":"patient-view","hookInstance":"h","context":{"patientId":"p"}}',
        '__proto__',
      ],
      [
        '__proto__ in context',
        '{"hook":"patient-view","hookInstance":"h","context":{"patientId":"p","__proto__":{"polluted":true}}}',
        'context.__proto__',
      ],
      [
        '__proto__ in a prefetch resource',
        '{"hook":"patient-view","hookInstance":"h","context":{"patientId":"p"},"prefetch":{"x":{"resourceType":"Patient","__proto__":{"polluted":1}}}}',
        'prefetch.x.__proto__',
      ],
      [
        'an escaped __proto__',
        '{"hook":"patient-view","hookInstance":"h","context":{"patientId":"p"},"extension":{"\\u005f_proto__":{"polluted":true}}}',
        'extension.__proto__',
      ],
      [
        'constructor.prototype',
        '{"hook":"patient-view","hookInstance":"h","context":{"patientId":"p","constructor":{"prototype":{"polluted":true}}}}',
        'context.constructor.prototype',
      ],
    ])('400 for %s, naming it; the service is not called', async (_name, body, field) => {
      const issue = expectOutcome(await send('/cds-services/recording-service', body), 400);
      expect(issue.code).toBe('security');
      expect(issue.expression).toEqual([field]);
      expect(service.received).toHaveLength(0);
    });

    it('400 for __proto__ in a feedback body', async () => {
      const body =
        '{"feedback":[{"card":"c","outcome":"overridden","outcomeTimestamp":"2026-01-01T00:00:00Z","__proto__":{"polluted":true}}]}';
      expect(expectOutcome(await send('/cds-services/recording-service/feedback', body), 400).expression).toEqual([
        'feedback[0].__proto__',
      ]);
    });

    it('accepts an ordinary "constructor" key (it pollutes nothing by itself)', async () => {
      const res = await send('/cds-services/recording-service', JSON.stringify({ ...valid, extension: { constructor: 'Practitioner/1' } }));
      expect(res.status).toBe(200);
    });
  });

  describe('secrets', () => {
    it('no answer and no log line of this file carries the token', () => {
      expect(bodies.length).toBeGreaterThan(20);
      expect(bodies.join('\n')).not.toContain(TOKEN);
      expect(testApp.logger.text()).not.toContain(TOKEN);
      expect(testApp.logger.lines.filter((l) => l.level === 'error')).toEqual([]); // no 500 was logged
    });
  });
});
