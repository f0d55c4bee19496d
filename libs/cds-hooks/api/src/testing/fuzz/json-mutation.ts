/** One edit of a JSON document, found by walking `path` (each number picks a child modulo the child count). */
export type JsonMutation =
  | { op: 'delete'; path: number[] }
  | { op: 'replace'; path: number[]; value: unknown }
  | { op: 'retype'; path: number[]; to: 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object' }
  | { op: 'huge-string'; path: number[]; length: number }
  | { op: 'add-key'; path: number[]; key: string; value: unknown };

type Container = Record<string, unknown> | unknown[];

/** A copy of `doc` with the mutations applied in order; `doc` itself is never changed. */
export function mutateJson(doc: unknown, mutations: readonly JsonMutation[]): unknown {
  const root: { value: unknown } = { value: structuredClone(doc) };
  for (const mutation of mutations) {
    apply(root, mutation);
  }
  return root.value;
}

function apply(root: { value: unknown }, mutation: JsonMutation): void {
  // The slot to edit: a container and a key in it. The root's holder makes "replace the whole body" a slot too.
  let holder: Container = root as unknown as Record<string, unknown>;
  let key: string | number = 'value';
  for (const pick of mutation.path) {
    const current = (holder as Record<string, unknown>)[key];
    const keys = childKeys(current);
    if (keys.length === 0) {
      break;
    }
    holder = current as Container;
    key = keys[pick % keys.length];
  }
  const target = (holder as Record<string, unknown>)[key];
  switch (mutation.op) {
    case 'delete':
      if (Array.isArray(holder)) {
        holder.splice(Number(key), 1);
      } else {
        delete holder[key];
      }
      return;
    case 'replace':
      set(holder, key, mutation.value);
      return;
    case 'retype':
      set(holder, key, retype(target, mutation.to));
      return;
    case 'huge-string':
      set(holder, key, 'x'.repeat(mutation.length));
      return;
    case 'add-key':
      if (typeof target === 'object' && target !== null && !Array.isArray(target)) {
        set(target as Record<string, unknown>, mutation.key, mutation.value);
      }
      return;
  }
}

function childKeys(value: unknown): Array<string | number> {
  if (Array.isArray(value)) {
    return value.map((_v, i) => i);
  }
  return typeof value === 'object' && value !== null ? Object.keys(value) : [];
}

/** defineProperty, so that a key named `__proto__` becomes an own property (as JSON.parse makes it), not a prototype. */
function set(holder: Container, key: string | number, value: unknown): void {
  Object.defineProperty(holder, key, { value, enumerable: true, writable: true, configurable: true });
}

function retype(value: unknown, to: Extract<JsonMutation, { op: 'retype' }>['to']): unknown {
  switch (to) {
    case 'string':
      return typeof value === 'string' ? '' : (JSON.stringify(value) ?? '');
    case 'number':
      return typeof value === 'string' ? value.length : 0;
    case 'boolean':
      return !value;
    case 'null':
      return null;
    case 'array':
      return [value];
    case 'object':
      return { value };
  }
}
