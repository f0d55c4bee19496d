import type { DataGap, PostcoitalBleedingFacts } from '@pcb-cds/postcoital-bleeding-facts';
import type { FactLine, Recommendation } from '@pcb-cds/postcoital-bleeding-rules';
import { ago } from '@pcb-cds/postcoital-bleeding-rules';
import type { OrderKind, Terminology } from '@pcb-cds/postcoital-bleeding-terminology';
import { sourcesMarkdown } from './card-sources';
import { escapeMarkdown } from './markdown';

export interface DetailParts {
  recommendations: Recommendation[];
  facts: PostcoitalBleedingFacts;
  gaps: DataGap[];
  alreadyOrdered: { kind: OrderKind; date: string }[];
  orderedAbove: OrderKind[];
  /** The words of order names (R2-13); US when absent. */
  jurisdiction?: 'US' | 'UK';
}

/**
 * The card's markdown, for a clinician: for each rule, its title, what to do and the patient facts it
 * rests on (one date each, with how long ago); what was considered and is not needed now; cautions
 * and the patient's safety-netting line once; this card's data gaps; orders already in place; sources.
 * Rule ids are not shown (they are in the card's extension).
 */
export function cardDetail(parts: DetailParts, t: Terminology): string {
  const { recommendations, facts } = parts;
  const sections = recommendations.map((r) =>
    [`**${r.title}**`, '', r.advice, '', 'Based on:', ...dedupe(r.because).map((line) => factLine(line, facts.today))].join('\n'),
  );
  const notNeeded = unique(recommendations.flatMap((r) => r.notNeeded));
  const cautions = unique(recommendations.flatMap((r) => r.cautions));
  const safetyNet = unique(recommendations.flatMap((r) => (r.safetyNet ? [r.safetyNet] : [])));
  return [
    ...sections,
    cautions.length ? ['**Caution**', ...cautions.map((c) => `- ${c}`)].join('\n') : '',
    notNeeded.length ? ['**Considered, not needed now**', ...notNeeded.map((l) => `- ${escapeOwnText(l)}`)].join('\n') : '',
    safetyNet.length ? `**For the patient:** ${safetyNet.join(' ')}` : '',
    parts.gaps.length ? ['**Data gaps**', ...parts.gaps.map((g) => `- ${escapeMarkdown(g.text)}`)].join('\n') : '',
    parts.orderedAbove.length
      ? `**Ordered on the more urgent card above:** ${parts.orderedAbove.map((k) => t.order(k, parts.jurisdiction).text).join('; ')}`
      : '',
    parts.alreadyOrdered.length
      ? [
          '**Already ordered (not suggested again)**',
          ...parts.alreadyOrdered.map((o) => `- ${t.order(o.kind, parts.jurisdiction).text} (${o.date}, ${ago(o.date, facts.today)})`),
        ].join('\n')
      : '',
    sourcesMarkdown(recommendations.flatMap((r) => r.sources)),
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** "- Systolic BP: 85 mmHg (2026-11-22, today)": values from the record are escaped. */
function factLine(line: FactLine, today: string): string {
  return `- ${line.label}: ${escapeMarkdown(line.value)}${line.date ? ` (${line.date}, ${ago(line.date, today)})` : ''}`;
}

/** The rules' own sentences may carry record values (e.g. an organism list): keep their bold, escape the rest. */
function escapeOwnText(text: string): string {
  return text.replace(/[<>[\]]/g, (c) => `\\${c}`);
}

function dedupe(lines: FactLine[]): FactLine[] {
  return [...new Map(lines.map((l) => [`${l.label}|${l.value}|${l.date ?? ''}`, l])).values()];
}

function unique(lines: string[]): string[] {
  return [...new Set(lines)];
}
