import type { SearchRequest } from '@medplum/core';
import { searchError } from './search-checks';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 1000;

export interface Page {
  offset: number;
  count: number;
}

/**
 * medplum's MemoryRepository returns everything when `_count` is absent; clients written for HAPI
 * expect a default page (20) and must follow `next`, so we behave like HAPI. Large `_count`
 * values are clamped rather than refused, as HAPI does.
 */
export function resolvePage(request: SearchRequest): Page {
  const offset = request.offset ?? 0;
  const count = request.count ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(offset) || offset < 0) {
    throw searchError('invalid', '_offset must be a non-negative integer');
  }
  if (!Number.isInteger(count) || count < 0) {
    throw searchError('invalid', '_count must be a non-negative integer');
  }
  return { offset, count: Math.min(count, MAX_PAGE_SIZE) };
}
