/**
 * The prefetch keys the client did not send. A key sent with value `null` is NOT missing: in CDS Hooks 2.0
 * `null` means "the client has no data for this template", so it must never be fetched again.
 */
export function findMissingPrefetchKeys(
  templates: Readonly<Record<string, string>> | undefined,
  prefetch: Readonly<Record<string, unknown>> | undefined,
): string[] {
  return Object.keys(templates ?? {}).filter((key) => prefetch === undefined || !Object.prototype.hasOwnProperty.call(prefetch, key));
}
