import { prefetchWithoutDrafts } from './prefetch-without-drafts';

describe('prefetch without the session drafts', () => {
  const draft = { resourceType: 'ServiceRequest', id: 'draft-1', status: 'draft' };
  const active = { resourceType: 'ServiceRequest', id: 'old-1', status: 'active' };
  const prefetch = {
    serviceRequests: { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: draft }, { resource: active }] },
    patient: { resourceType: 'Patient', id: 'p1' },
    conditions: null,
  };

  it('drops the drafts being signed from prefetch Bundles, keeping everything else', () => {
    const result = prefetchWithoutDrafts(prefetch, [{ reference: 'ServiceRequest/draft-1', kind: 'ct-ng-naat', display: 'NAAT' }]);
    expect(result['serviceRequests']).toEqual({ resourceType: 'Bundle', type: 'searchset', entry: [{ resource: active }] });
    expect(result['patient']).toBe(prefetch.patient);
    expect(result['conditions']).toBeNull();
    expect(prefetch.serviceRequests.entry).toHaveLength(2);
  });

  it('a key holding the draft itself becomes "no data"', () => {
    expect(prefetchWithoutDrafts({ x: draft }, [{ reference: 'ServiceRequest/draft-1', display: 'x' }])).toEqual({ x: null });
  });

  it('drafts without id change nothing', () => {
    expect(prefetchWithoutDrafts(prefetch, [{ display: 'x' }])).toBe(prefetch);
  });
});
