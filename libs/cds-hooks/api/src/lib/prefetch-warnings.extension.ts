import type { CdsResponse } from '@pcb-cds/cds-hooks-model';

/**
 * Response extension naming the prefetch keys the client answered with an OperationOutcome: the guidance was
 * computed without that data, and the client (or whoever reads its logs) should know. Clients ignore
 * extensions they do not understand, so this is safe to send to any 2.0 client.
 */
export const PREFETCH_WARNINGS_EXTENSION = 'org.pcb-cds.prefetch-warnings';

export interface PrefetchWarning {
  key: string;
  warning: string;
}

export function withPrefetchWarnings(response: CdsResponse, unavailableKeys: readonly string[]): CdsResponse {
  if (unavailableKeys.length === 0) {
    return response;
  }
  const warnings: PrefetchWarning[] = unavailableKeys.map((key) => ({
    key,
    warning: 'The CDS client sent an OperationOutcome instead of this prefetch; the guidance was computed without it',
  }));
  return { ...response, extension: { ...(response.extension ?? {}), [PREFETCH_WARNINGS_EXTENSION]: warnings } };
}
