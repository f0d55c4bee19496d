import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { readRequestBody } from './read-request-body';

function request(chunks: string[]): IncomingMessage {
  const stream = new PassThrough();
  setImmediate(() => {
    chunks.forEach((c) => stream.write(c));
    stream.end();
  });
  return stream as unknown as IncomingMessage;
}

describe('readRequestBody', () => {
  it('returns the whole body under the limit', async () => {
    const body = await readRequestBody(request(['ab', 'cd']), 4);
    expect(body).toEqual({ tooLarge: false, bytes: Buffer.from('abcd') });
  });

  it('reports a body over the limit after draining it', async () => {
    const stream = request(['abc', 'de', 'fgh']);
    const body = await readRequestBody(stream, 4);
    expect(body).toEqual({ tooLarge: true });
    expect(stream.readableEnded).toBe(true);
  });
});
