import type { GuidelineParameters } from '@pcb-cds/postcoital-bleeding-facts';
import { CITATIONS, SEEDS } from './citations';
import { describeCondition } from './condition';
import { RULES } from './evaluate-postcoital-bleeding';
import type { Urgency } from './recommendation';
import type { Rule } from './rule';

/** The command that rewrites docs/clinical-logic.md from the rule objects. */
export const REGENERATE_CLINICAL_LOGIC =
  'UPDATE_CLINICAL_LOGIC=1 npx jest -c libs/postcoital-bleeding/rules/jest.config.cts clinical-logic-doc';

const INDICATOR: Record<Urgency, string> = {
  routine: 'info',
  soon: 'warning',
  urgent: 'warning',
  emergency: 'critical',
  immediate: 'critical',
};

const SECTIONS: Record<Rule['section'], string> = {
  'data-quality': 'Data quality (PCB-01…04)',
  core: 'Core work-up (PCB-10…19)',
  postmenopausal: 'Postmenopausal and endometrial (PCB-20…25)',
  pregnancy: 'Pregnancy (PCB-30…34)',
  'special-populations': 'Special populations (PCB-40…45)',
  'red-flags': 'Red flags (PCB-50…54)',
};

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * docs/clinical-logic.md, generated from the rule objects (conditions in words, recommendation, urgency,
 * indicator, suppressions, sources, trace, parameters), with US parameter values; UK differences are
 * in the UK column. `appendix` is docs/order-hooks.md, kept by the order-hook owners.
 */
export function clinicalLogicDocument(p: GuidelineParameters, appendix: string): string {
  const header = [
    '# Clinical logic: every rule as implemented',
    '',
    '<!-- Generated from libs/postcoital-bleeding/rules (the rule objects). Do not edit by hand: -->',
    `<!-- ${REGENERATE_CLINICAL_LOGIC} -->`,
    '',
    'The rules of [`pcb-guideline.md`](clinical/pcb-guideline.md) revision 2, §2, as the code implements them. Each rule is one',
    'object in `libs/postcoital-bleeding/rules/src/lib/<section>-rules.ts`: its condition (named predicates, shown here in words),',
    'its US and UK wording, its orders, its §7.1 sources and its trace. This file is generated from those objects; a test',
    '(`clinical-logic-doc.spec.ts`) fails when it differs, and prints the command that regenerates it:',
    '',
    '```',
    REGENERATE_CLINICAL_LOGIC,
    '```',
    '',
    'Thresholds are shown with their US defaults (`guideline-parameters.ts`; UK = `PCB_JURISDICTION=UK`; any parameter can be',
    'overridden by the configuration file).',
    '',
    '**Urgency → indicator** (§0, configurable `indicatorMap`): routine → info; soon / urgent → warning (urgent summaries start',
    '"URGENT:"); emergency (same day) → critical; immediate (now, minutes: 911/999 or the in-hospital emergency team, R2-21) →',
    'critical with "IMMEDIATE:" / "EMERGENCY:" summaries. PCB-33 sets its indicator from RhD and gestation (§0 exception).',
    '',
    '**Evaluation**: PCB-00 gate (postcoital bleeding within the look-back AND a female genital tract; otherwise no cards at all) →',
    'every rule whose condition holds fires → the rules a firing rule suppresses are removed (column "Suppresses").',
    '',
    '**Cards**: emergencies, referrals and warnings have a card each; PCB-15/16/17/44 share one colposcopy card; routine items',
    'share the work-up card. At most 3 sources per card (§7.1 citations, linked only to canonical pages); the trace (specification',
    'section, seed articles) is in `extension["org.pcb-cds.trace"]`, rule ids in `extension["org.pcb-cds.rules"]`.',
  ].join('\n');
  const sections = (Object.keys(SECTIONS) as Rule['section'][]).map((section) => {
    const rows = RULES.filter((r) => r.section === section).map((r) => row(r, p));
    return [
      `## ${SECTIONS[section]}`,
      '',
      '| Rule | Title | Conditions | Suppresses | Recommendation (US) | UK variant | Urgency | Indicator | Sources | Parameters |',
      '|---|---|---|---|---|---|---|---|---|---|',
      ...rows,
    ].join('\n');
  });
  const citations = [
    '## Sources cards cite (§7.1)',
    '',
    '| Key | Citation | Canonical link |',
    '|---|---|---|',
    ...Object.entries(CITATIONS).map(
      ([k, c]) => `| ${k} | ${cell(c.citation)} | ${'url' in c ? c.url : '— (citation shown without a link)'} |`,
    ),
    '',
    'Seed articles (trace only, by title): ' +
      Object.entries(SEEDS)
        .map(([k, s]) => `${k} ${s.citation}${s.onCards ? '' : ' (documentation only)'}`)
        .join(' · ') +
      '.',
  ].join('\n');
  return [header, ...sections, citations, appendix.trim()].join('\n\n') + '\n';
}

function row(r: Rule, p: GuidelineParameters): string {
  const indicators = [...new Set(r.urgencies.map((u) => (r.id === 'PCB-33' ? (u === 'urgent' ? 'warning' : 'info') : INDICATOR[u])))];
  const sources = [...new Set([...r.sources.US, ...r.sources.UK])];
  return `| ${[
    r.id,
    r.title.US,
    describeCondition(r.when, p),
    r.suppresses?.length ? r.suppresses.join(', ') : '—',
    r.recommendationText.US,
    r.recommendationText.UK ?? 'same',
    r.urgencies.join(' / '),
    indicators.join(' / '),
    `${sources.join(', ')}; trace ${r.trace.section}${r.trace.seeds.length ? `, seeds ${r.trace.seeds.join(', ')}` : ''}`,
    r.parameters.length ? r.parameters.join(', ') : '—',
  ]
    .map(cell)
    .join(' | ')} |`;
}
