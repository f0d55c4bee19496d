/** A value still to look at, and how it was reached (the path is only spelled out for a hit). */
interface Pending {
  value: unknown;
  key: string;
  parent?: Pending;
}

/**
 * The first key of a parsed JSON value that could pollute `Object.prototype` if anyone — this layer, a
 * service, a library — ever merged the value into an object (`__proto__`, or `constructor` holding a
 * `prototype`), as a path such as `context.__proto__`; undefined when there is none.
 *
 * JSON.parse itself is safe (it creates an own property named `__proto__`), but `Object.assign` or a deep
 * merge over such an object sets a prototype. No CDS Hooks or FHIR document has these keys, so a body with one
 * is refused rather than cleaned. Iterative, so no body can exhaust the stack here.
 */
export function findPrototypePollutionKey(value: unknown): string | undefined {
  // Every request body passes here: a bare scan first, the path is only worked out for a hit.
  return hasPrototypePollutionKey(value) ? pollutionPath(value) : undefined;
}

function hasPrototypePollutionKey(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    if (typeof current !== 'object' || current === null) {
      continue;
    }
    if (Array.isArray(current)) {
      for (let i = 0; i < current.length; i += 1) {
        pending.push(current[i]);
      }
      continue;
    }
    for (const key in current) {
      const child = (current as Record<string, unknown>)[key];
      if (
        key === '__proto__' ||
        (key === 'constructor' && typeof child === 'object' && child !== null && Object.prototype.hasOwnProperty.call(child, 'prototype'))
      ) {
        return true;
      }
      pending.push(child);
    }
  }
  return false;
}

function pollutionPath(value: unknown): string | undefined {
  const pending: Pending[] = [{ value, key: '' }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const current = item.value;
    if (typeof current !== 'object' || current === null) {
      continue;
    }
    if (Array.isArray(current)) {
      for (let i = 0; i < current.length; i += 1) {
        pending.push({ value: current[i], key: `[${i}]`, parent: item });
      }
      continue;
    }
    for (const [key, child] of Object.entries(current)) {
      if (key === '__proto__') {
        return pathOf({ value: child, key, parent: item });
      }
      if (
        key === 'constructor' &&
        typeof child === 'object' &&
        child !== null &&
        Object.prototype.hasOwnProperty.call(child, 'prototype')
      ) {
        return `${pathOf({ value: child, key, parent: item })}.prototype`;
      }
      pending.push({ value: child, key, parent: item });
    }
  }
  return undefined;
}

function pathOf(item: Pending): string {
  const keys: string[] = [];
  for (let at: Pending | undefined = item; at?.parent !== undefined; at = at.parent) {
    keys.unshift(at.key);
  }
  return keys.reduce((path, key) => (path === '' || key.startsWith('[') ? `${path}${key}` : `${path}.${key}`), '');
}
