import type { ServerResponse } from 'node:http';

// Test support: a FHIR server answer far larger than any limit, produced lazily (never held in memory),
// written as fast as the client reads it, and stopped as soon as the client goes away.

export interface StreamedBody {
  /** Bytes the server handed to the socket before the client closed it or the body ended. */
  bytesWritten(): number;
  /** Settles when the response is over (finished or abandoned by the client). */
  done: Promise<void>;
}

const CHUNK = Buffer.from(`{"resource":{"resourceType":"Condition","id":"${'x'.repeat(60 * 1024)}"}},`);

/**
 * A searchset Bundle of `totalBytes` (approximately) with many large entries; with `declareLength` it sends a
 * Content-Length up front, else it is chunked.
 */
export function streamLargeSearchset(res: ServerResponse, totalBytes: number, { declareLength }: { declareLength: boolean }): StreamedBody {
  const head = Buffer.from('{"resourceType":"Bundle","type":"searchset","entry":[');
  const tail = Buffer.from('{"resource":{"resourceType":"Condition","id":"end"}}]}');
  const chunks = Math.max(0, Math.floor((totalBytes - head.length - tail.length) / CHUNK.length));
  res.writeHead(200, {
    'content-type': 'application/fhir+json',
    ...(declareLength ? { 'content-length': String(head.length + chunks * CHUNK.length + tail.length) } : {}),
  });
  const socket = res.socket;
  const done = new Promise<void>((resolve) => {
    let sent = 0;
    let closed = false;
    res.on('close', () => {
      closed = true;
      resolve();
    });
    const pump = (): void => {
      while (!closed && sent < chunks) {
        sent += 1;
        if (!res.write(CHUNK)) {
          res.once('drain', pump);
          return;
        }
      }
      if (!closed && sent === chunks) {
        res.end(tail);
      }
    };
    res.write(head);
    pump();
  });
  return { bytesWritten: () => socket?.bytesWritten ?? 0, done };
}
