import { randomUUID } from 'node:crypto';
import type { Card, CardAction, CardLink, CdsResponse, Indicator, Suggestion } from '@pcb-cds/cds-hooks-model';
import { pruneOptionalFields } from './prune-empty';

/** CDS Hooks 2.0: `summary` is "<140 characters". */
export const MAX_SUMMARY_LENGTH = 139;

export interface NormalizeResponseOptions {
  /** Injected so tests can predict uuids. */
  newUuid?: () => string;
}

export interface NormalizedResponse {
  response: CdsResponse;
  /** Service bugs that were repaired; the caller logs them. They never contain card text (PHI). */
  warnings: string[];
}

const INDICATOR_RANK: Readonly<Record<Indicator, number>> = { critical: 0, warning: 1, info: 2 };

/**
 * Makes a service's answer a valid 2.0 response without changing its meaning: `cards` always present; a uuid
 * on every card and suggestion (feedback refers to them); no null/empty optional fields; `summary` cut to 139
 * characters; `selectionBehavior` whenever there are suggestions; cards ordered critical → warning → info,
 * keeping the service's order within an indicator (clients may display in the order received).
 * The input is never mutated: services may return shared constant cards.
 */
export function normalizeResponse(raw: CdsResponse | null | undefined, options: NormalizeResponseOptions = {}): NormalizedResponse {
  const newUuid = options.newUuid ?? randomUUID;
  const warnings: string[] = [];
  // Every part below is rebuilt by pruning (prune-empty.ts), which copies what JSON would write: the service's
  // objects are only read.
  const answer = (raw === null || raw === undefined ? {} : raw) as Partial<CdsResponse>;

  if (answer.cards !== undefined && !Array.isArray(answer.cards)) {
    warnings.push('response.cards is not an array; answered with no cards');
  }
  const cards = objects(answer.cards).map((card, index) => normalizeCard(card, index, newUuid, warnings));

  const { systemActions, ...others } = answer;
  delete others.cards;
  const response: CdsResponse = { ...pruneOptionalFields(others, []), cards: sortByIndicator(cards) };
  const actions = objects(systemActions).map(normalizeAction);
  if (actions.length > 0) {
    response.systemActions = actions;
  }
  return { response, warnings };
}

function normalizeCard(card: Card, index: number, newUuid: () => string, warnings: string[]): Card {
  // Structured members first, so that pruning their optional parts never removes their required ones.
  const { source, suggestions, links, overrideReasons, ...others } = card;
  const result = pruneOptionalFields(others, ['summary', 'indicator']) as Card;
  if (typeof result.uuid !== 'string') {
    result.uuid = newUuid();
  }
  if (typeof result.summary === 'string' && [...result.summary].length > MAX_SUMMARY_LENGTH) {
    warnings.push(`card ${index} summary has ${[...result.summary].length} characters; truncated to ${MAX_SUMMARY_LENGTH}`);
    result.summary = truncate(result.summary);
  }
  result.source = typeof source === 'object' && source !== null ? pruneOptionalFields(source, ['label']) : source;
  const normalizedSuggestions = objects(suggestions).map((s) => normalizeSuggestion(s, newUuid));
  if (normalizedSuggestions.length > 0) {
    result.suggestions = normalizedSuggestions;
    if (result.selectionBehavior === undefined) {
      // at-most-one is the conservative reading; `any` only when the service recommends several (cds-resp-1).
      const recommended = normalizedSuggestions.filter((s) => s.isRecommended === true).length;
      result.selectionBehavior = recommended > 1 ? 'any' : 'at-most-one';
      warnings.push(`card ${index} has suggestions without selectionBehavior; set to ${result.selectionBehavior}`);
    }
  }
  const normalizedLinks = objects(links).map((link) => pruneOptionalFields(link, ['label', 'url', 'type']) as CardLink);
  if (normalizedLinks.length > 0) {
    result.links = normalizedLinks;
  }
  const reasons = objects(overrideReasons).map((coding) => pruneOptionalFields(coding, ['system', 'code', 'display']));
  if (reasons.length > 0) {
    result.overrideReasons = reasons;
  }
  return result;
}

function normalizeSuggestion(suggestion: Suggestion, newUuid: () => string): Suggestion {
  const { actions, ...others } = suggestion;
  const result = pruneOptionalFields(others, ['label']) as Suggestion;
  if (typeof result.uuid !== 'string') {
    result.uuid = newUuid();
  }
  const normalizedActions = objects(actions).map(normalizeAction);
  if (normalizedActions.length > 0) {
    result.actions = normalizedActions;
  }
  return result;
}

function normalizeAction(action: CardAction): CardAction {
  return pruneOptionalFields(action, ['type', 'description']);
}

/** The object members of what should be an array of objects; anything else counts as empty. */
function objects<T>(value: T[] | undefined): T[] {
  return Array.isArray(value) ? value.filter((item) => typeof item === 'object' && item !== null) : [];
}

/** 138 characters and an ellipsis: 139, the longest summary the spec allows. Counts code points, not UTF-16. */
function truncate(summary: string): string {
  return `${[...summary]
    .slice(0, MAX_SUMMARY_LENGTH - 1)
    .join('')
    .trimEnd()}…`;
}

/** Stable (Array.prototype.sort is stable); unknown indicators go last. */
function sortByIndicator(cards: Card[]): Card[] {
  const rank = (card: Card): number => INDICATOR_RANK[card.indicator] ?? Object.keys(INDICATOR_RANK).length;
  return [...cards].sort((a, b) => rank(a) - rank(b));
}
