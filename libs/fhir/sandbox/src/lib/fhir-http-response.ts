import type { ServerResponse } from 'node:http';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** Browsers (SMART apps, the CDS Hooks sandbox) call the sandbox cross-origin. */
const CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, Last-Modified, Location, Content-Location',
};

const PREFLIGHT_HEADERS: Record<string, string> = {
  ...CORS_HEADERS,
  'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept, Cache-Control, Prefer, If-Match, If-None-Match, If-None-Exist',
  'Access-Control-Max-Age': '86400',
};

export function sendPreflight(res: ServerResponse): void {
  res.writeHead(204, PREFLIGHT_HEADERS);
  res.end();
}

export function sendFhirJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    ...CORS_HEADERS,
    ...headers,
    'Content-Type': FHIR_JSON,
    'Content-Length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

/** ETag and Last-Modified for a versioned resource; Location when it was just created. */
export function resourceHeaders(
  baseUrl: string,
  body: {
    resourceType: string;
    id?: string;
    meta?: { versionId?: string; lastUpdated?: string };
  },
  status: number,
): Record<string, string> {
  const headers: Record<string, string> = {};
  const { versionId, lastUpdated } = body.meta ?? {};
  if (versionId) {
    headers['ETag'] = `W/"${versionId}"`;
  }
  if (lastUpdated) {
    headers['Last-Modified'] = new Date(lastUpdated).toUTCString();
  }
  if (status === 201 && body.id) {
    const version = versionId ? `/_history/${versionId}` : '';
    headers['Location'] = `${baseUrl}/${body.resourceType}/${body.id}${version}`;
  }
  return headers;
}
