import type { Request } from 'express';
import { expectedAudience, isCdsServicesRequest } from './request-audience';

function req(originalUrl: string, extra: Partial<Request> = {}): Request {
  const path = originalUrl.split('?')[0];
  return {
    originalUrl,
    path,
    protocol: 'http',
    get: (name: string) => (name.toLowerCase() === 'host' ? 'localhost:3000' : undefined),
    ...extra,
  } as unknown as Request;
}

describe('isCdsServicesRequest', () => {
  it.each(['/cds-services', '/cds-services/pcb-evaluation', '/cds-services/pcb-evaluation/feedback', '/CDS-Services/x', '//cds-services'])(
    '%s is checked',
    (url) => {
      expect(isCdsServicesRequest(req(url))).toBe(true);
    },
  );

  it.each(['/health', '/metrics', '/', '/api/cds-services'])('%s is not checked', (url) => {
    expect(isCdsServicesRequest(req(url))).toBe(false);
  });

  it('is checked when the matched route is under /cds-services even if the path does not look like it', () => {
    expect(isCdsServicesRequest(req('/elsewhere', { route: { path: '/cds-services/:id' } } as Partial<Request>))).toBe(true);
  });
});

describe('expectedAudience', () => {
  it('is the URL called, rebuilt from protocol and Host, without the query string', () => {
    expect(expectedAudience(req('/cds-services/pcb-evaluation?x=1'))).toBe('http://localhost:3000/cds-services/pcb-evaluation');
  });

  it('uses the public base URL when configured (behind a proxy), with or without a trailing slash and path prefix', () => {
    expect(expectedAudience(req('/cds-services'), 'https://cds.example.org')).toBe('https://cds.example.org/cds-services');
    expect(expectedAudience(req('/cds-services/x/feedback'), 'https://example.org/pcb/')).toBe('https://example.org/pcb/cds-services/x/feedback');
  });
});
