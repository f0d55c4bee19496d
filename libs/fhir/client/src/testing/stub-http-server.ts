import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Bundle } from 'fhir/r4';
import { FhirRequestError } from '../lib/fhir-request-error';

// Test support for this library's specs (not exported from index.ts).

export interface Recorded {
  method: string;
  url: string;
  authorization?: string;
  accept?: string;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A stub FHIR server on 127.0.0.1 whose behaviour each test sets with `stub.handler`. */
export class StubServer {
  readonly requests: Recorded[] = [];
  handler: Handler = (_req, res) => json(res, 404, { resourceType: 'OperationOutcome', issue: [] });
  /** TCP connections accepted so far (a reused keep-alive connection is counted once). */
  connections = 0;
  private server!: Server;
  base = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        accept: req.headers.accept,
      });
      this.handler(req, res);
    });
    this.server.on('connection', () => {
      this.connections += 1;
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export function json(res: ServerResponse, status: number, body: unknown, contentType = 'application/fhir+json'): void {
  res.writeHead(status, { 'content-type': contentType });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

export function searchPage(base: string, page: number, pages: number): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: pages,
    link: [
      { relation: 'self', url: `${base}/fhir/Condition?patient=1&_page=${page}` },
      ...(page < pages ? [{ relation: 'next', url: `${base}/fhir/Condition?patient=1&_page=${page + 1}` }] : []),
    ],
    entry: [{ resource: { resourceType: 'Condition', id: `c${page}`, subject: { reference: 'Patient/1' } } as never }],
  };
}

export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The FhirRequestError `promise` rejects with; throws (failing the test) for anything else. */
export async function failure(promise: Promise<unknown>): Promise<FhirRequestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof FhirRequestError)) {
    throw new Error(`expected a FhirRequestError, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
  return error;
}
