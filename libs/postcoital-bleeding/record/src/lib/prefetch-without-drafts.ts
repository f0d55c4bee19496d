import type { DraftOrder } from '@pcb-cds/postcoital-bleeding-orders';

/**
 * The prefetch with this order session's drafts taken out. The `serviceRequests` prefetch asks for
 * status draft too, so an EHR that stores drafts returns the very orders being signed; read as
 * "already ordered" they would hide the advice they are meant to be checked against. Drafts are
 * judged from context.draftOrders instead. Matching is by `Type/id`; drafts without an id cannot be matched.
 */
export function prefetchWithoutDrafts(prefetch: Record<string, unknown>, drafts: readonly DraftOrder[]): Record<string, unknown> {
  const draftRefs = new Set(drafts.flatMap((d) => (d.reference ? [d.reference] : [])));
  if (draftRefs.size === 0) {
    return prefetch;
  }
  const isDraft = (value: unknown): boolean => {
    const r = value as { resourceType?: unknown; id?: unknown } | null;
    return typeof r?.resourceType === 'string' && typeof r.id === 'string' && draftRefs.has(`${r.resourceType}/${r.id}`);
  };
  return Object.fromEntries(
    Object.entries(prefetch).map(([key, value]) => {
      if (isDraft(value)) {
        return [key, null];
      }
      const bundle = value as { resourceType?: unknown; entry?: unknown } | null;
      if (bundle?.resourceType === 'Bundle' && Array.isArray(bundle.entry)) {
        return [key, { ...bundle, entry: bundle.entry.filter((e: { resource?: unknown } | null) => !isDraft(e?.resource)) }];
      }
      return [key, value];
    }),
  );
}
