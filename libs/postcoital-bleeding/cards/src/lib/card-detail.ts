import type { PostcoitalBleedingFacts } from '@pcb-cds/postcoital-bleeding-facts';
import type { Recommendation } from '@pcb-cds/postcoital-bleeding-rules';
import type { OrderKind, Terminology } from '@pcb-cds/postcoital-bleeding-terminology';
import { SOURCES } from './guideline-sources';
import { escapeMarkdown } from './markdown';
import { RULE_WORDING, SEED_FILES } from './rule-wording';

/**
 * The card's markdown: for each rule, what to do and the patient facts (with dates) it rests on;
 * then the data that was missing, orders already in place, and the citations.
 */
export function cardDetail(
  recommendations: Recommendation[],
  facts: PostcoitalBleedingFacts,
  alreadyOrdered: { kind: OrderKind; date: string }[],
  t: Terminology,
): string {
  const sections = recommendations.map((r) => {
    const facts = r.because.map((f) => `- ${f.label}: ${escapeMarkdown(f.value)}${f.date ? ` (${f.date})` : ''}`);
    return [`**${r.ruleId} · ${RULE_WORDING[r.ruleId].title}**`, '', r.advice, '', 'Based on:', ...facts].join('\n');
  });
  const gaps = facts.dataGaps.length ? ['**Data gaps**', ...facts.dataGaps.map((g) => `- ${g.text}`)].join('\n') : '';
  const ordered = alreadyOrdered.length
    ? ['**Already ordered (not suggested again)**', ...alreadyOrdered.map((o) => `- ${t.order(o.kind).display} (${o.date})`)].join('\n')
    : '';
  return [...sections, gaps, ordered, citations(recommendations)].filter(Boolean).join('\n\n');
}

function citations(recommendations: Recommendation[]): string {
  const keys = [...new Set(recommendations.flatMap((r) => RULE_WORDING[r.ruleId].sources))];
  const seeds = [...new Set(recommendations.flatMap((r) => RULE_WORDING[r.ruleId].seeds ?? []))];
  return [
    '**Sources**',
    ...keys.map((k) => `- [${SOURCES[k].label}](${SOURCES[k].url})`),
    ...seeds.map((s) => `- Seed article ${SEED_FILES[s]}`),
    '- pcb-cds clinical specification: pcb-guideline.md',
  ].join('\n');
}
