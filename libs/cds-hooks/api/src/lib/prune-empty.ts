/**
 * CDS Hooks 2.0: "JSON elements SHALL NOT be null or empty". Removes null, undefined, '' and — after their own
 * pruning — empty arrays and empty objects, at any depth. Returns undefined when nothing is left. The result is
 * a fresh copy holding what JSON.stringify would write (toJSON applied, so a Date becomes its string; functions,
 * symbols and non-finite numbers dropped, where JSON would write nothing or null): a JSON round trip is not
 * needed first, and the input is never changed.
 */
export function pruneEmpty(value: unknown): unknown {
  switch (typeof value) {
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? value : undefined;
    case 'string':
      return value === '' ? undefined : value;
    case 'object':
      return value === null ? undefined : pruneObject(value);
    default:
      return value;
  }
}

function pruneObject(value: object): unknown {
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    return pruneEmpty(toJSON.call(value));
  }
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value) {
      const kept = pruneEmpty(item);
      if (kept !== undefined) {
        items.push(kept);
      }
    }
    return items.length > 0 ? items : undefined;
  }
  let result: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const kept = pruneEmpty((value as Record<string, unknown>)[key]);
    if (kept !== undefined) {
      result ??= {};
      setOwn(result, key, kept);
    }
  }
  return result;
}

/** An own property even for the key "__proto__" (plain assignment would set the prototype instead). */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    object[key] = value;
  }
}

/**
 * Prunes every field of `object` except `required` ones, which are kept as given (an empty required field is a
 * bug of the producer that removing it would only hide).
 */
export function pruneOptionalFields<T extends object>(object: T, required: readonly string[]): T {
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(object)) {
    const value = (object as Record<string, unknown>)[key];
    const kept = required.includes(key) ? value : pruneEmpty(value);
    if (kept !== undefined) {
      setOwn(result, key, kept);
    }
  }
  return result as T;
}
