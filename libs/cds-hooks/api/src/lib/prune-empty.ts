/**
 * CDS Hooks 2.0: "JSON elements SHALL NOT be null or empty". Removes null, undefined, '' and — after their own
 * pruning — empty arrays and empty objects, at any depth. Returns undefined when nothing is left.
 */
export function pruneEmpty(value: unknown): unknown {
  if (value === null || value === undefined || value === '') {
    return undefined;
  }
  if (Array.isArray(value)) {
    const items = value.map(pruneEmpty).filter((item) => item !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value)
      .map(([key, child]) => [key, pruneEmpty(child)] as const)
      .filter(([, child]) => child !== undefined);
    return entries.length > 0 ? Object.fromEntries(entries) : undefined;
  }
  return value;
}

/**
 * Prunes every field of `object` except `required` ones, which are kept as given (an empty required field is a
 * bug of the producer that removing it would only hide).
 */
export function pruneOptionalFields<T extends object>(object: T, required: readonly string[]): T {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    const kept = required.includes(key) ? value : pruneEmpty(value);
    if (kept !== undefined) {
      result[key] = kept;
    }
  }
  return result as T;
}
