import { parseRequestBody, toQueryRecord } from './parse-request-body';

describe('parseRequestBody', () => {
  it('parses a form body into a query record, repeated keys as arrays', () => {
    const parsed = parseRequestBody(
      Buffer.from('patient=p1&code=a%7Cb&_include=X:y&_include=X:z'),
      'application/x-www-form-urlencoded; charset=UTF-8',
    );
    expect(parsed).toEqual({
      ok: true,
      form: true,
      value: { patient: 'p1', code: 'a|b', _include: ['X:y', 'X:z'] },
    });
  });

  it('parses JSON whatever the declared content type', () => {
    for (const contentType of ['application/fhir+json', 'text/plain;charset=UTF-8', undefined]) {
      expect(parseRequestBody(Buffer.from('{"resourceType":"Patient"}'), contentType)).toEqual({
        ok: true,
        form: false,
        value: { resourceType: 'Patient' },
      });
    }
  });

  it('reports malformed JSON instead of throwing', () => {
    const parsed = parseRequestBody(Buffer.from('{"resourceType":'), 'application/fhir+json');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(/^Malformed JSON body/);
  });

  it('treats an empty body as no body', () => {
    expect(parseRequestBody(Buffer.alloc(0), undefined)).toEqual({
      ok: true,
      form: false,
      value: undefined,
    });
  });
});

describe('toQueryRecord', () => {
  it('merges into an existing record', () => {
    expect(toQueryRecord(new URLSearchParams('a=2&b=3'), { a: '1' })).toEqual({
      a: ['1', '2'],
      b: '3',
    });
  });
});
