import type { DraftVerdict } from '@pcb-cds/postcoital-bleeding-orders';
import type { SourceKey } from '@pcb-cds/postcoital-bleeding-rules';
import type { Terminology } from '@pcb-cds/postcoital-bleeding-terminology';
import { sourcesMarkdown } from './card-sources';
import { escapeMarkdown } from './markdown';

/**
 * The markdown of a draft-order card, in the patient-view card's shape: what to do, the patient facts
 * (with dates) it rests on, what the guideline says, and at most 3 citations (R2-15: no file names, no
 * specification; the rule ids and trace live in the card's extensions). Text from the draft is escaped.
 * Data gaps are left to the rules' own cards, so each gap is shown once.
 */
export function verdictDetail(
  v: DraftVerdict,
  t: Terminology,
  wording: { guideline: string; sources: readonly SourceKey[]; jurisdiction: 'US' | 'UK' },
): string {
  const heading = `**Draft order: ${escapeMarkdown(v.draft.display)}** (${v.verdict === 'redundant' ? 'not needed' : 'not advised for this patient'})`;
  const because = v.because.map((f) => `- ${f.label}: ${escapeMarkdown(f.value)}${f.date ? ` (${f.date})` : ''}`);
  const instead = v.replacement.length
    ? `Instead: ${v.replacement.map((o) => `${t.order(o.kind, wording.jurisdiction).text} (${o.reason})`).join('; ')}.`
    : '';
  return [
    [heading, '', v.advice, ...(instead ? ['', instead] : []), '', 'Based on:', ...because].join('\n'),
    ['**Guideline**', wording.guideline].join('\n'),
    sourcesMarkdown(wording.sources),
  ].join('\n\n');
}
