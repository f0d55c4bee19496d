import type { RuleId, SourceKey } from '@pcb-cds/postcoital-bleeding-rules';
import { CITATIONS, RULES, SEEDS } from '@pcb-cds/postcoital-bleeding-rules';

// Transitional shapes for the order-hook cards (service/order-verdict-*.ts, ORDERS helper), built from
// the rule objects so there is one source of wording. New code uses card-sources.ts instead.

export type { SourceKey } from '@pcb-cds/postcoital-bleeding-rules';

/** @deprecated use primarySource / sourceLinks / sourcesMarkdown (card-sources.ts). */
export const SOURCES = Object.fromEntries(
  Object.entries(CITATIONS).map(([k, c]) => [k, { label: c.citation, url: 'url' in c ? c.url : publisherPage(c.citation) }]),
) as Record<SourceKey, { label: string; url: string }>;

/** @deprecated the rule objects (RULES) carry title, sources and trace. */
export const RULE_WORDING = Object.fromEntries(
  RULES.map((r) => [r.id, { title: r.title.US, summary: r.title.US, action: r.title.US, sources: linkable(r.sources.US), seeds: [] as string[] }]),
) as unknown as Record<RuleId, { title: string; summary: string; action: string; sources: SourceKey[]; seeds: string[] }>;

/** @deprecated seeds are cited by title in the trace extension, never on cards. */
export const SEED_FILES: Record<string, string> = Object.fromEntries(Object.entries(SEEDS).map(([k, s]) => [k, s.citation]));

/** Citations with a canonical page first-class (a link needs one); the first citation kept when none has. */
function linkable(keys: readonly SourceKey[]): SourceKey[] {
  const withUrl = keys.filter((k) => 'url' in CITATIONS[k]);
  return withUrl.length ? withUrl : keys.slice(0, 1);
}

/** §7.1: where no canonical page is listed, the publishing society's own site. */
function publisherPage(citation: string): string {
  return citation.startsWith('ASCCP') ? 'https://www.asccp.org' : 'https://www.acog.org';
}
