import type { TypeInfo } from '@medplum/core';

/**
 * Splits a FHIRPath union (`a | b | c`) at its top level only, so a branch such as
 * `(X.value as Quantity) | (X.value as SampledData)` or `(X.a | X.b).c` is never cut in half.
 */
export function splitTopLevelUnion(expression: string): string[] {
  const branches: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (c === "'" && expression[i - 1] !== '\\') {
      quoted = !quoted;
    } else if (!quoted && c === '(') {
      depth++;
    } else if (!quoted && c === ')') {
      depth--;
    } else if (!quoted && depth === 0 && c === '|') {
      branches.push(expression.slice(start, i).trim());
      start = i + 1;
    }
  }
  branches.push(expression.slice(start).trim());
  return branches;
}

function isOwnBranch(branch: string, resourceType: string): boolean {
  return branch.startsWith(resourceType + '.') || branch.startsWith('(' + resourceType + '.');
}

/**
 * R4 shares one SearchParameter between many types (`clinical-patient` covers 30 types in one
 * 1,386-character expression) and medplum re-parses and evaluates the whole union for every
 * resource it scans. Restricting each type's copy to its own branches gives the same matches at
 * about a tenth of the cost. Mutates `types` (medplum's process-wide schema); returns how many
 * parameters were narrowed.
 */
export function narrowSearchParameters(types: Record<string, TypeInfo>): number {
  let narrowed = 0;
  for (const [resourceType, info] of Object.entries(types)) {
    const params = info.searchParams;
    if (!params) {
      continue;
    }
    for (const [code, param] of Object.entries(params)) {
      if (!param.expression) {
        continue;
      }
      const branches = splitTopLevelUnion(param.expression);
      const own = branches.filter((b) => isOwnBranch(b, resourceType));
      if (own.length > 0 && own.length < branches.length) {
        // A copy: the original object is still shared by the other types' indexes.
        params[code] = { ...param, expression: own.join(' | ') };
        narrowed++;
      }
    }
  }
  return narrowed;
}
