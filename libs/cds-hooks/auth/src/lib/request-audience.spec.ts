import type { Request } from 'express';
import { expectedAudiences, isCdsServicesRequest } from './request-audience';

function req(originalUrl: string, extra: Partial<Request> = {}): Request {
  const path = originalUrl.split('?')[0];
  return {
    originalUrl,
    path,
    protocol: 'http',
    get: (name: string) => (name.toLowerCase() === 'host' ? 'attacker.example' : undefined),
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

describe('expectedAudiences', () => {
  it('is each configured base URL + the path called, without the query string, whatever the Host header says', () => {
    expect(expectedAudiences(req('/cds-services/pcb-evaluation?x=1'), ['https://cds.example.org'])).toEqual([
      'https://cds.example.org/cds-services/pcb-evaluation',
    ]);
  });

  it('keeps a path prefix and drops a trailing slash of the base URL', () => {
    expect(expectedAudiences(req('/cds-services/x/feedback'), ['https://example.org/pcb/', 'http://127.0.0.1:3000'])).toEqual([
      'https://example.org/pcb/cds-services/x/feedback',
      'http://127.0.0.1:3000/cds-services/x/feedback',
    ]);
  });

  it('is nothing when no base URL is configured (no token can match)', () => {
    expect(expectedAudiences(req('/cds-services'), [])).toEqual([]);
  });
});
