import fhirpath from 'fhirpath';
import { readSpecJson } from './spec-files';

/** Which CDS Hooks document a JSON body is. */
export type CdsHooksDocumentKind = 'discovery' | 'request' | 'response' | 'feedback';

interface InvariantDefinition {
  key: string;
  severity: 'error' | 'warning';
  appliesTo: string;
  expression: string;
  description: string;
  fhirpathJsSafeExpression?: string;
}

export interface InvariantViolation {
  key: string;
  severity: 'error' | 'warning';
  /** JSON path of the object that failed, e.g. `cards[1].suggestions[0]`. */
  path: string;
  description: string;
}

export interface InvariantReport {
  /** How many (rule, object) pairs were evaluated: 0 means the document gave them nothing to check. */
  evaluations: number;
  /** Keys of the invariants.json invariants evaluated at least once on this document. */
  evaluatedKeys: string[];
  violations: InvariantViolation[];
}

/** A focus to evaluate an expression on, with its JSON path. */
interface Focus {
  path: string;
  value: unknown;
}

const INVARIANTS_FILE = 'cds-hooks-spec/invariants.json';

/**
 * Where each invariant of invariants.json applies, as functions from the document to its foci. The file's
 * `appliesTo` is prose-like ("… and …", "(evaluate on the array)"), so it is mapped here once, by key; an
 * invariant added to the file without a mapping makes every evaluation fail loudly rather than pass silently.
 */
const FOCI: Readonly<Record<string, { kind: CdsHooksDocumentKind; foci: (doc: unknown) => Focus[] }>> = {
  'cds-r-1': { kind: 'request', foci: (doc) => [{ path: '', value: doc }] },
  'cds-r-2': { kind: 'request', foci: (doc) => member({ path: '', value: doc }, 'fhirAuthorization') },
  'ord-1': {
    kind: 'request',
    foci: (doc) => {
      const context = member({ path: '', value: doc }, 'context');
      return [...context.flatMap((c) => member(c, 'userId')), ...context.flatMap((c) => items(c, 'selections'))];
    },
  },
  'cds-resp-1': { kind: 'response', foci: (doc) => cards(doc) },
  'cds-resp-6': { kind: 'response', foci: (doc) => cards(doc) },
  'cds-resp-5': { kind: 'response', foci: (doc) => suggestions(doc) },
  'cds-resp-7': { kind: 'response', foci: (doc) => suggestions(doc) },
  'cds-resp-2': {
    kind: 'response',
    foci: (doc) => [...suggestions(doc).flatMap((s) => items(s, 'actions')), ...items({ path: '', value: doc }, 'systemActions')],
  },
  'cds-resp-3': { kind: 'response', foci: (doc) => cards(doc).flatMap((c) => items(c, 'links')) },
  'cds-resp-4': { kind: 'response', foci: (doc) => cards(doc).flatMap((c) => member(c, 'overrideReasons')) },
  'cds-fb-1': { kind: 'feedback', foci: (doc) => items({ path: '', value: doc }, 'feedback') },
  'cds-fb-2': { kind: 'feedback', foci: (doc) => items({ path: '', value: doc }, 'feedback') },
  'cds-fb-3': { kind: 'feedback', foci: (doc) => items({ path: '', value: doc }, 'feedback').flatMap((f) => member(f, 'overrideReason')) },
};

/**
 * Structural rules of the logical models (CDSHooksServices/Response/Feedback.fsh) that no FHIRPath invariant
 * covers: required fields. The discovery document has no FHIRPath invariant at all, so these are its checks.
 */
const REQUIRED: Readonly<Record<CdsHooksDocumentKind, (doc: unknown) => Array<{ focus: Focus; fields: string[] }>>> = {
  discovery: (doc) => items({ path: '', value: doc }, 'services').map((focus) => ({ focus, fields: ['hook', 'description', 'id'] })),
  request: (doc) => [{ focus: { path: '', value: doc }, fields: ['hook', 'hookInstance', 'context'] }],
  response: (doc) => [
    { focus: { path: '', value: doc }, fields: ['cards'] },
    ...cards(doc).map((focus) => ({ focus, fields: ['summary', 'indicator', 'source'] })),
    ...cards(doc)
      .flatMap((c) => member(c, 'source'))
      .map((focus) => ({ focus, fields: ['label'] })),
    ...suggestions(doc).map((focus) => ({ focus, fields: ['label'] })),
    ...cards(doc)
      .flatMap((c) => items(c, 'links'))
      .map((focus) => ({ focus, fields: ['label', 'url', 'type'] })),
  ],
  feedback: (doc) =>
    items({ path: '', value: doc }, 'feedback').map((focus) => ({ focus, fields: ['card', 'outcome', 'outcomeTimestamp'] })),
};

let cached: InvariantDefinition[] | undefined;

function invariants(): InvariantDefinition[] {
  cached ??= readSpecJson<{ invariants: InvariantDefinition[] }>(INVARIANTS_FILE).invariants;
  return cached;
}

/**
 * Evaluates with npm `fhirpath` every invariant of libs/cds-hooks/api/src/testing/cds-hooks-spec/invariants.json that applies to
 * `kind` (FHIR semantics: an empty result passes), plus the required-field rules of the logical models.
 */
export function evaluateCdsHooksInvariants(kind: CdsHooksDocumentKind, json: unknown): InvariantReport {
  const violations: InvariantViolation[] = [];
  const evaluatedKeys = new Set<string>();
  let evaluations = 0;
  for (const invariant of invariants()) {
    const target = FOCI[invariant.key];
    if (!target) {
      throw new Error(`invariants.json has ${invariant.key}, which assertCdsHooksInvariants does not know where to apply`);
    }
    if (target.kind !== kind) {
      continue;
    }
    const expression = invariant.fhirpathJsSafeExpression ?? invariant.expression;
    for (const focus of target.foci(json)) {
      evaluations += 1;
      evaluatedKeys.add(invariant.key);
      const result: unknown[] = fhirpath.evaluate(focus.value as object, expression, undefined, undefined, { async: false });
      if (!(result.length === 0 || (result.length === 1 && result[0] === true))) {
        violations.push({
          key: invariant.key,
          severity: invariant.severity,
          path: focus.path || '(root)',
          description: invariant.description,
        });
      }
    }
  }
  for (const { focus, fields } of REQUIRED[kind](json)) {
    for (const field of fields) {
      evaluations += 1;
      const value = isObject(focus.value) ? focus.value[field] : undefined;
      if (value === undefined || value === null || value === '') {
        violations.push({ key: 'required', severity: 'error', path: join(focus.path, field), description: `${field} is required` });
      }
    }
  }
  return { evaluations, evaluatedKeys: [...evaluatedKeys], violations };
}

/**
 * Throws (failing the test) when `json` breaks an error-severity invariant, or a warning-severity one when
 * `failOnWarnings` is set. Returns the report so a test can also check that something was evaluated.
 */
export function assertCdsHooksInvariants(
  kind: CdsHooksDocumentKind,
  json: unknown,
  options: { failOnWarnings?: boolean } = {},
): InvariantReport {
  const report = evaluateCdsHooksInvariants(kind, json);
  const failing = report.violations.filter((v) => v.severity === 'error' || options.failOnWarnings);
  if (failing.length > 0) {
    const lines = failing.map((v) => `  ${v.key} (${v.severity}) at ${v.path}: ${v.description}`);
    throw new Error(`CDS Hooks ${kind} breaks ${failing.length} invariant(s):\n${lines.join('\n')}`);
  }
  return report;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(path: string, field: string): string {
  return path ? `${path}.${field}` : field;
}

/** The member `field` of an object focus, when present. */
function member(focus: Focus, field: string): Focus[] {
  const value = isObject(focus.value) ? focus.value[field] : undefined;
  return value === undefined ? [] : [{ path: join(focus.path, field), value }];
}

/** Each element of the array member `field` (a non-array value counts as one element). */
function items(focus: Focus, field: string): Focus[] {
  return member(focus, field).flatMap((m) =>
    Array.isArray(m.value) ? m.value.map((value, i) => ({ path: `${m.path}[${i}]`, value })) : [m],
  );
}

function cards(doc: unknown): Focus[] {
  return items({ path: '', value: doc }, 'cards');
}

function suggestions(doc: unknown): Focus[] {
  return cards(doc).flatMap((c) => items(c, 'suggestions'));
}
