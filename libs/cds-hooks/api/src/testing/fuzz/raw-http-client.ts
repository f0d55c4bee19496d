import { Agent, request } from 'node:http';
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

export interface RawRequest {
  method: string;
  path: string;
  headers: OutgoingHttpHeaders;
  body?: Buffer;
}

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/**
 * An HTTP/1.1 client for fuzzing a server on 127.0.0.1: sends exactly the bytes and headers given (no
 * serialisation, no header repair), over one keep-alive connection so that thousands of requests cost no
 * socket churn. Unlike supertest it does not start a server per request.
 */
export class RawHttpClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });

  constructor(private readonly port: number) {}

  send(req: RawRequest): Promise<RawAnswer> {
    return new Promise<RawAnswer>((resolve, reject) => {
      const outgoing = request(
        { host: '127.0.0.1', port: this.port, method: req.method, path: req.path, headers: req.headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(req.body);
    });
  }

  /**
   * Announces `declaredLength` bytes, sends only `body`, then cuts the connection: a client that dies
   * mid-upload. Resolves once the socket is gone; there is no answer to wait for.
   */
  sendAndAbort(req: RawRequest, declaredLength: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const outgoing = request({
        host: '127.0.0.1',
        port: this.port,
        method: req.method,
        path: req.path,
        headers: { ...req.headers, 'content-length': String(declaredLength) },
        agent: false,
      });
      outgoing.on('error', () => resolve());
      outgoing.on('close', () => resolve());
      outgoing.on('response', (res) => res.resume());
      outgoing.write(req.body ?? Buffer.alloc(0), () => setImmediate(() => outgoing.destroy()));
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
