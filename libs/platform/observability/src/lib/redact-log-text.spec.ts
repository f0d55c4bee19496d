import { REDACTED, redactLogText, redactLogValue } from './redact-log-text';

const JWT = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2Voci5leGFtcGxlIn0.c2lnLV9zaWc';

describe('redactLogText', () => {
  it.each([
    ['a bare JWT', `client sent ${JWT} today`, `client sent ${REDACTED} today`],
    ['a JWT with an empty signature', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', REDACTED],
    ['a bearer token', 'Bearer abc.def-123 then', `Bearer ${REDACTED} then`],
    ['an access_token query parameter', 'GET /x?access_token=s3cr3t&y=1', `GET /x?access_token=${REDACTED}&y=1`],
    [
      'an access_token JSON field',
      '{"access_token":"opaque-123","token_type":"Bearer"}',
      `{"access_token":"${REDACTED}","token_type":"Bearer"}`,
    ],
    ['an escaped access_token JSON field', '{\\"access_token\\":\\"opaque-123\\"}', `{\\"access_token\\":\\"${REDACTED}\\"}`],
    ['an inspected access_token', "{ access_token: 'opaque-123' }", `{ access_token: ${REDACTED} }`],
    ['an Authorization header line', 'Authorization: Basic dXNlcjpwYXNz\nnext line', `Authorization: ${REDACTED}\nnext line`],
    ['an Authorization JSON field', '{"authorization":"Bearer eyJx.eyJy.z"}', `{"authorization":"${REDACTED}"}`],
    ['an Authorization header with a JWT bearer', `authorization: Bearer ${JWT}`, `authorization: ${REDACTED}`],
    ['a refresh_token', 'refresh_token=r-1', `refresh_token=${REDACTED}`],
  ])('%s', (_name, input, expected) => {
    expect(redactLogText(input)).toBe(expected);
  });

  it('leaves ordinary text alone', () => {
    const text = 'Authorization failed for client app-1; token expired; 3 eyes.';
    expect(redactLogText(text)).toBe(text);
  });

  it('is idempotent', () => {
    const once = redactLogText(`Authorization: Bearer ${JWT} access_token=x1`);
    expect(redactLogText(once)).toBe(once);
  });
});

describe('redactLogValue', () => {
  it('blanks secret-named fields and redacts every string, however deep', () => {
    const value = {
      headers: { Authorization: 'Basic xyz', accept: 'application/json' },
      fhirAuthorization: { access_token: 'opaque', token_type: 'Bearer' },
      notes: [`saw ${JWT}`],
    };
    expect(redactLogValue(value)).toEqual({
      headers: { Authorization: REDACTED, accept: 'application/json' },
      fhirAuthorization: { access_token: REDACTED, token_type: 'Bearer' },
      notes: [`saw ${REDACTED}`],
    });
  });

  it('survives cycles and turns errors into name, message and stack', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic['self'] = cyclic;
    expect(redactLogValue(cyclic)).toEqual({ name: 'loop', self: '[circular]' });
    const error = new Error(`bad token ${JWT}`);
    const redacted = redactLogValue(error) as { name: string; message: string; stack: string };
    expect(redacted.name).toBe('Error');
    expect(redacted.message).toBe(`bad token ${REDACTED}`);
    expect(redacted.stack).not.toContain(JWT);
  });
});
