import type { RequestHandler, Request, Response } from 'express';

/**
 * The headers a middleware sets when it answers every request alike (e.g. helmet's security policy), found
 * by running it once against a probe response: a route can then send them without re-running it.
 */
export function headersSetBy(middleware: RequestHandler): [string, string][] {
  const headers = new Map<string, [string, string]>();
  const probe = {
    setHeader(name: string, value: unknown) {
      headers.set(name.toLowerCase(), [name, Array.isArray(value) ? value.join(', ') : String(value)]);
      return probe;
    },
    getHeader: (name: string) => headers.get(name.toLowerCase())?.[1],
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
  };
  let called = false;
  middleware({ method: 'POST', headers: {} } as Request, probe as unknown as Response, (error?: unknown) => {
    if (error !== undefined) {
      throw error;
    }
    called = true;
  });
  if (!called) {
    throw new Error('the middleware did not pass the probe request on: its headers are not constant');
  }
  return [...headers.values()];
}
