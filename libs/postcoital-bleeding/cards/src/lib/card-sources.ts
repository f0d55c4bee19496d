import type { Card, CardLink, CardSource } from '@pcb-cds/cds-hooks-model';
import type { RuleTrace, SourceKey } from '@pcb-cds/postcoital-bleeding-rules';
import { CITATIONS, MAX_SOURCES_PER_CARD, SEEDS } from '@pcb-cds/postcoital-bleeding-rules';

export const RULES_EXTENSION = 'org.pcb-cds.rules';
export const TRACE_EXTENSION = 'org.pcb-cds.trace';

/** The card's citations (R2-15): §7.1 keys in the order given, each once, at most 3. Every card cites through this. */
export function citations(keys: readonly SourceKey[]): SourceKey[] {
  return [...new Set(keys)].slice(0, MAX_SOURCES_PER_CARD);
}

/** `source`: the primary citation's short label (CDS Hooks: a short label); the full citation is in the detail. Its link only where §7.1 has a canonical page (CDS Hooks: url is optional). */
export function primarySource(keys: readonly SourceKey[]): CardSource {
  const [first] = citations(keys);
  const c = CITATIONS[first];
  return 'url' in c ? { label: c.label, url: c.url } : { label: c.label };
}

/** `links`: the citations that have a canonical page (a CDS Hooks link needs a url). */
export function sourceLinks(keys: readonly SourceKey[]): CardLink[] {
  return citations(keys).flatMap((k) => {
    const c = CITATIONS[k];
    return 'url' in c ? [{ label: c.citation, url: c.url, type: 'absolute' as const }] : [];
  });
}

/** The "Sources" section of the detail: the same ≤3 citations, linked where a canonical page exists. */
export function sourcesMarkdown(keys: readonly SourceKey[]): string {
  const lines = citations(keys).map((k) => {
    const c = CITATIONS[k];
    return 'url' in c ? `- [${c.citation}](${c.url})` : `- ${c.citation}`;
  });
  return ['**Sources**', ...lines].join('\n');
}

/**
 * The audit trace for `extension["org.pcb-cds.trace"]`: per rule, in the order of
 * `extension["org.pcb-cds.rules"]` (the only place rule ids appear), the specification section and the
 * seed articles by title.
 */
export function traceExtension(traces: readonly { trace: RuleTrace }[]): Card['extension'] {
  return {
    [TRACE_EXTENSION]: traces.map(({ trace }) => ({
      specification: `pcb-guideline.md rev 2 ${trace.section.replace(/\s*PCB-\d\d/g, '').replace(/^§2;/, '§2,')}`,
      seeds: trace.seeds.filter((s) => SEEDS[s].onCards).map((s) => SEEDS[s].citation),
    })),
  };
}
