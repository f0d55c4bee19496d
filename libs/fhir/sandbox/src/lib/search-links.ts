import type { SearchRequest } from '@medplum/core';
import { formatSearchQuery } from '@medplum/core';
import type { BundleLink } from '@medplum/fhirtypes';
import type { Page } from './search-paging';

function pageUrl(baseUrl: string, request: SearchRequest, page: Page): string {
  const path = request.resourceType === ('MultipleTypes' as string) ? '' : '/' + request.resourceType;
  return baseUrl + path + formatSearchQuery({ ...request, offset: page.offset, count: page.count });
}

/**
 * `self`, `next` and `previous` as absolute GET URLs on this server, so a client can page with
 * them alone (fhir-kit-client's `nextPage({ bundle })` just fetches the `next` URL). Built from
 * the request as the client wrote it, e.g. before bare references were qualified.
 */
export function searchLinks(baseUrl: string, request: SearchRequest, page: Page, total: number): BundleLink[] {
  const links: BundleLink[] = [{ relation: 'self', url: pageUrl(baseUrl, request, page) }];
  if (page.count === 0) {
    return links;
  }
  if (page.offset + page.count < total) {
    links.push({
      relation: 'next',
      url: pageUrl(baseUrl, request, {
        ...page,
        offset: page.offset + page.count,
      }),
    });
  }
  if (page.offset > 0) {
    const offset = Math.max(0, page.offset - page.count);
    links.push({
      relation: 'previous',
      url: pageUrl(baseUrl, request, { ...page, offset }),
    });
  }
  return links;
}
