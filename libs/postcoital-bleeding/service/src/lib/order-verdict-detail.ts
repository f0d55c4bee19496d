import type { PostcoitalBleedingFacts } from '@pcb-cds/postcoital-bleeding-facts';
import { escapeMarkdown, RULE_WORDING, SEED_FILES, SOURCES } from '@pcb-cds/postcoital-bleeding-cards';
import type { SourceKey } from '@pcb-cds/postcoital-bleeding-cards';
import type { DraftVerdict } from '@pcb-cds/postcoital-bleeding-orders';
import type { Terminology } from '@pcb-cds/postcoital-bleeding-terminology';

/**
 * The markdown of a draft-order card, in the patient-view card's shape: what to do, the patient facts
 * (with dates) it rests on, the rules, the data gaps, and the sources. Text from the draft is escaped.
 */
export function verdictDetail(
  v: DraftVerdict,
  facts: PostcoitalBleedingFacts,
  t: Terminology,
  wording: { guideline: string; source?: SourceKey },
): string {
  const heading = `**Draft order: ${escapeMarkdown(v.draft.display)}** (${v.verdict === 'redundant' ? 'not needed' : 'not advised for this patient'})`;
  const because = v.because.map((f) => `- ${f.label}: ${escapeMarkdown(f.value)}${f.date ? ` (${f.date})` : ''}`);
  const instead = v.replacement.length ? `Instead: ${v.replacement.map((o) => `${t.order(o.kind).display} (${o.reason})`).join('; ')}.` : '';
  const rules = [`**Guideline** (${v.ruleIds.join(', ')})`, wording.guideline].join('\n');
  const gaps = facts.dataGaps.length ? ['**Data gaps**', ...facts.dataGaps.map((g) => `- ${g.text}`)].join('\n') : '';
  return [
    [heading, '', v.advice, ...(instead ? ['', instead] : []), '', 'Based on:', ...because].join('\n'),
    rules,
    gaps,
    citations(v, wording.source),
  ]
    .filter(Boolean)
    .join('\n\n');
}

function citations(v: DraftVerdict, extraSource?: SourceKey): string {
  const keys = [...new Set([...(extraSource ? [extraSource] : []), ...v.ruleIds.flatMap((id) => RULE_WORDING[id].sources)])];
  const seeds = [...new Set(v.ruleIds.flatMap((id) => RULE_WORDING[id].seeds ?? []))];
  return [
    '**Sources**',
    ...keys.map((k) => `- [${SOURCES[k].label}](${SOURCES[k].url})`),
    ...seeds.map((s) => `- Seed article ${SEED_FILES[s]}`),
    '- pcb-cds clinical specification: pcb-guideline.md',
  ].join('\n');
}
