import { parseSearchRequest } from '@medplum/core';
import { MAX_PAGE_SIZE, resolvePage } from './search-paging';

const page = (query: string): ReturnType<typeof resolvePage> => resolvePage(parseSearchRequest('Patient?' + query));

describe('resolvePage', () => {
  it('defaults to the first 20', () => {
    expect(page('')).toEqual({ offset: 0, count: 20 });
  });

  it('honours _count and _offset, clamping _count to the maximum', () => {
    expect(page('_count=5&_offset=10')).toEqual({ offset: 10, count: 5 });
    expect(page('_count=0')).toEqual({ offset: 0, count: 0 });
    expect(page('_count=100000').count).toBe(MAX_PAGE_SIZE);
  });

  it.each(['_count=-1', '_count=abc', '_offset=-5', '_offset=x'])('refuses %s', (query) => {
    expect(() => page(query)).toThrow(/non-negative integer/);
  });
});
