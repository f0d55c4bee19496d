import type { SortRule } from '@medplum/core';
import { evalFhirPath, getSearchParameter } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';

type SortKey = string | number | undefined;

/** Reduces a FHIRPath result (a date, Period, Coding, HumanName, ...) to one comparable value. */
export function sortKeyOf(value: unknown): SortKey {
  if (typeof value === 'string' || typeof value === 'number') {
    return value;
  }
  if (typeof value === 'boolean') {
    return value ? 1 : 0;
  }
  if (Array.isArray(value)) {
    return sortKeyOf(value[0]);
  }
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const candidate = o['start'] ?? o['end'] ?? o['value'] ?? o['code'] ?? o['family'] ?? o['reference'] ?? o['coding'] ?? o['text'];
    return candidate === undefined ? (o['display'] as SortKey) : sortKeyOf(candidate);
  }
  return undefined;
}

function compareKeys(a: SortKey, b: SortKey): number {
  if (typeof a === 'number' && typeof b === 'number') {
    return a - b;
  }
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Sorts by `_sort` rules, the first rule being the primary key. Resources without a value sort
 * last in both directions (as HAPI does), so `_sort=-date&_count=1` never returns an undated
 * resource ahead of a dated one. Dates compare as strings: keep fixture datetimes in one format.
 */
export function sortResources<T extends Resource>(resources: T[], rules: SortRule[] | undefined): T[] {
  if (!rules?.length) {
    return resources;
  }
  const keyed = resources.map((resource) => ({
    resource,
    keys: rules.map((rule) => {
      const expression = getSearchParameter(resource.resourceType, rule.code)?.expression;
      return expression ? sortKeyOf(evalFhirPath(expression, resource)[0]) : undefined;
    }),
  }));
  keyed.sort((a, b) => {
    for (let i = 0; i < rules.length; i++) {
      const [x, y] = [a.keys[i], b.keys[i]];
      if (x === undefined || y === undefined) {
        if (x !== y) {
          return x === undefined ? 1 : -1;
        }
        continue;
      }
      const order = compareKeys(x, y) * (rules[i].descending ? -1 : 1);
      if (order !== 0) {
        return order;
      }
    }
    return 0;
  });
  return keyed.map((k) => k.resource);
}
