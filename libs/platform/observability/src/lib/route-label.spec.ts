import type { IncomingMessage } from 'node:http';
import { routePattern, UNMATCHED_ROUTE } from './request-observer';
import { labelRoute } from './route-label';

function requestWith(fields: { route?: { path: string }; baseUrl?: string } = {}): IncomingMessage {
  return { headers: {}, ...fields } as unknown as IncomingMessage;
}

describe('labelRoute: the route label of a request served outside the Express router', () => {
  it('is the pattern the access log and metrics show', () => {
    const req = requestWith();
    labelRoute(req, '/cds-services/:id');
    expect(routePattern(req)).toBe('/cds-services/:id');
  });

  it('wins over the route Express matched (the handler that labels it knows what it served)', () => {
    const req = requestWith({ route: { path: '/:id' }, baseUrl: '/other' });
    labelRoute(req, '/cds-services/:id');
    expect(routePattern(req)).toBe('/cds-services/:id');
  });

  it("leaves Express's route as the label of an unlabelled request", () => {
    expect(routePattern(requestWith({ route: { path: '/:id/feedback' }, baseUrl: '/cds-services' }))).toBe('/cds-services/:id/feedback');
    expect(routePattern(requestWith())).toBe(UNMATCHED_ROUTE);
  });
});
