import type { ServerResponse } from 'node:http';

/**
 * Sets a header at the moment the response head is written, with a value computed then. Needed for values
 * that are only known after later middleware ran (the correlation id comes from the parsed body) on every
 * path, error answers of body parsers and guards included. `end()` without `writeHead()` goes through
 * `writeHead()` too (Node's implicit header), so patching it covers all answers (the technique of `on-headers`).
 */
export function setHeaderOnWrite(res: ServerResponse, name: string, value: () => string | undefined): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]): ServerResponse {
    if (!this.headersSent && !this.hasHeader(name)) {
      const v = value();
      if (v !== undefined) {
        this.setHeader(name, v);
      }
    }
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse['writeHead'];
}
