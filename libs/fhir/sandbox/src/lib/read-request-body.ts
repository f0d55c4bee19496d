import type { IncomingMessage } from 'node:http';

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export type RequestBody = { tooLarge: false; bytes: Buffer } | { tooLarge: true };

/**
 * Reads the body up to `limit` bytes. Past the limit the rest is still drained (and dropped)
 * before the 413 is sent: answering while the client is still uploading makes most clients
 * report a reset connection instead of the status.
 */
export function readRequestBody(req: IncomingMessage, limit: number = MAX_BODY_BYTES): Promise<RequestBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
      }
    });
    req.on('end', () => resolve(size > limit ? { tooLarge: true } : { tooLarge: false, bytes: Buffer.concat(chunks) }));
    req.on('error', reject);
  });
}
