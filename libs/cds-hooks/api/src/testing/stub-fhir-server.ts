import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubFhirRequest {
  method: string;
  /** Path and query below the stub's base URL, e.g. `Patient/123` or `Condition?patient=123`. */
  path: string;
  headers: IncomingHttpHeaders;
  /** Set when the caller closed the connection before the answer was sent (an aborted fetch). */
  abandoned: boolean;
}

export interface StubFhirReply {
  status?: number;
  /** Serialised as JSON unless it is a string. */
  body?: unknown;
  contentType?: string;
  /** More response headers, e.g. `location` for a redirect. */
  headers?: Record<string, string>;
  /** Takes over the response instead (half a body, a cut connection, headers then silence). */
  raw?: (res: ServerResponse) => void;
}

/** Decides the answer to one request; a promise that never settles models a server that hangs. */
export type StubFhirHandler = (request: StubFhirRequest) => StubFhirReply | Promise<StubFhirReply>;

const notFound: StubFhirHandler = () => ({
  status: 404,
  body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] },
});

/**
 * A FHIR server stub on 127.0.0.1 (ephemeral port) that records every request, for tests of code that fetches
 * prefetch data. Set `handler` per test; `close()` it in afterAll.
 */
export class StubFhirServer {
  readonly requests: StubFhirRequest[] = [];
  handler: StubFhirHandler = notFound;
  /** TCP connections accepted so far (a reused keep-alive connection counts once). */
  connections = 0;

  private constructor(
    private readonly server: Server,
    /** The FHIR base URL, e.g. `http://127.0.0.1:40123/fhir`. */
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<StubFhirServer> {
    // The request listener needs the instance, which needs the listening server: a holder breaks the cycle.
    const holder: { stub?: StubFhirServer } = {};
    const server = createServer((req, res) => {
      const request: StubFhirRequest = {
        method: req.method ?? '',
        path: (req.url ?? '').replace(/^\/fhir\/?/, ''),
        headers: req.headers,
        abandoned: false,
      };
      holder.stub?.requests.push(request);
      res.on('close', () => {
        request.abandoned = !res.writableFinished;
      });
      Promise.resolve((holder.stub?.handler ?? notFound)(request)).then(
        (reply) => {
          if (res.writableEnded || res.destroyed) {
            return;
          }
          if (reply.raw) {
            reply.raw(res);
            return;
          }
          res.writeHead(reply.status ?? 200, { 'content-type': reply.contentType ?? 'application/fhir+json', ...reply.headers });
          res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {}));
        },
        () => res.destroy(),
      );
    });
    server.on('connection', () => {
      if (holder.stub) {
        holder.stub.connections += 1;
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    holder.stub = new StubFhirServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`);
    return holder.stub;
  }

  /** Forgets recorded requests and restores the default handler (404 OperationOutcome). */
  reset(): void {
    this.requests.length = 0;
    this.handler = notFound;
  }

  /** Connections open now (closed ones excluded). */
  openConnections(): Promise<number> {
    return new Promise((resolve, reject) => this.server.getConnections((error, count) => (error ? reject(error) : resolve(count))));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A base URL on 127.0.0.1 where nothing listens: connections are refused at once. */
export async function unreachableFhirBaseUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/fhir`;
}
