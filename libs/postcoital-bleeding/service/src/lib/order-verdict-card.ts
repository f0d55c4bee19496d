import type { Card, CardAction, FhirResourceJson, Suggestion } from '@pcb-cds/cds-hooks-model';
import type { CardContext } from '@pcb-cds/postcoital-bleeding-cards';
import { DEFAULT_INDICATOR_MAP, draftServiceRequest, RULE_WORDING, RULES_EXTENSION, SOURCES } from '@pcb-cds/postcoital-bleeding-cards';
import type { GuidelineParameters } from '@pcb-cds/postcoital-bleeding-facts';
import type { DraftVerdict } from '@pcb-cds/postcoital-bleeding-orders';
import type { RuleId } from '@pcb-cds/postcoital-bleeding-rules';
import { verdictDetail } from './order-verdict-detail';
import { VERDICT_WORDING } from './order-verdict-wording';

const SUMMARY_LIMIT = 139;
const PREGNANCY_RULES: ReadonlySet<RuleId> = new Set<RuleId>(['PCB-01', 'PCB-30', 'PCB-31', 'PCB-32', 'PCB-33']);

/**
 * A draft the guideline speaks against → one card, same contract as patient-view cards (rules
 * extension, indicator from the urgency map, detail with dated facts, source, links, override
 * reasons on warnings), with ONE suggestion: delete the draft, then create the replacement if any
 * (cds-resp-2: a delete carries `resourceId`, never `resource`).
 */
export function verdictCard(v: DraftVerdict, ctx: CardContext, parameters: GuidelineParameters): Card {
  const indicator = (ctx.indicatorMap ?? DEFAULT_INDICATOR_MAP)[v.urgency];
  const wording = VERDICT_WORDING[v.concern];
  const primary = SOURCES[wording.source ?? RULE_WORDING[v.ruleIds[0]].sources[0]];
  const suggestion = suggestionFor(v, ctx);
  const pregnancy = v.ruleIds.some((id) => PREGNANCY_RULES.has(id)) || ctx.facts.pregnancy.status === 'yes';
  return {
    summary: fit(wording.summary(parameters)),
    indicator,
    detail: verdictDetail(v, ctx.facts, ctx.terminology, { guideline: wording.guideline(parameters), source: wording.source }),
    source: { label: primary.label, url: primary.url },
    ...(suggestion ? { suggestions: [suggestion], selectionBehavior: 'any' as const } : {}),
    ...(indicator !== 'info' ? { overrideReasons: ctx.terminology.overrideReasons(pregnancy ? 'pregnancy' : 'other') } : {}),
    links: [...new Set(v.ruleIds.flatMap((id) => RULE_WORDING[id].sources))]
      .slice(0, 3)
      .map((k) => ({ label: SOURCES[k].label, url: SOURCES[k].url, type: 'absolute' as const })),
    extension: { [RULES_EXTENSION]: v.ruleIds },
  };
}

/** Delete then create, in one suggestion so accepting it swaps the order; none when there is nothing to act on. */
function suggestionFor(v: DraftVerdict, ctx: CardContext): Suggestion | undefined {
  const t = ctx.terminology;
  const removal: CardAction[] = v.draft.reference
    ? [{ type: 'delete', description: `Remove the draft order: ${v.draft.display}`, resourceId: v.draft.reference }]
    : [];
  const creations: CardAction[] = v.replacement.map((o) => ({
    type: 'create',
    description: `Draft ${o.priority === 'routine' ? '' : `${o.priority} `}order: ${t.order(o.kind).display} (${o.reason})`,
    resource: draftServiceRequest(o, ctx, t) as unknown as FhirResourceJson,
  }));
  const actions = [...removal, ...creations];
  if (actions.length === 0) {
    return undefined;
  }
  const instead = v.replacement.map((o) => t.order(o.kind).display).join(' + ');
  return {
    label: creations.length ? (removal.length ? `Replace with: ${instead}` : `Order instead: ${instead}`) : `Remove the draft: ${v.draft.display}`,
    actions,
  };
}

/** Cut at the last word that fits, so a summary never ends mid-word. */
function fit(text: string): string {
  if (text.length <= SUMMARY_LIMIT) {
    return text;
  }
  const cut = text.slice(0, SUMMARY_LIMIT - 1);
  return `${cut.slice(0, cut.lastIndexOf(' '))}…`;
}
