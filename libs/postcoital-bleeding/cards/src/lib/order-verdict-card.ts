import type { Card, CardAction, FhirResourceJson, Suggestion } from '@pcb-cds/cds-hooks-model';
import type { GuidelineParameters } from '@pcb-cds/postcoital-bleeding-facts';
import type { DraftVerdict } from '@pcb-cds/postcoital-bleeding-orders';
import type { RuleId, SourceKey } from '@pcb-cds/postcoital-bleeding-rules';
import { RULES } from '@pcb-cds/postcoital-bleeding-rules';
import { citations, primarySource, RULES_EXTENSION, sourceLinks, traceExtension } from './card-sources';
import { draftServiceRequest } from './draft-service-request';
import { DEFAULT_INDICATOR_MAP } from './indicator';
import { verdictDetail } from './order-verdict-detail';
import type { VerdictWording } from './order-verdict-wording';
import { VERDICT_WORDING } from './order-verdict-wording';
import type { CardContext } from './to-cards';
import { SUMMARY_LIMIT } from './to-cards';

const PREGNANCY_RULES: ReadonlySet<RuleId> = new Set<RuleId>(['PCB-01', 'PCB-30', 'PCB-31', 'PCB-32', 'PCB-33', 'PCB-34']);

/**
 * A draft the guideline speaks against → one card, same contract as patient-view cards (rules and
 * trace extensions, indicator from the urgency map, detail with dated facts, at most 3 canonical
 * sources, override reasons on warnings and critical cards), with ONE suggestion: delete the draft,
 * then create the replacement if any (cds-resp-2: a delete carries `resourceId`, never `resource`).
 * A draft that belongs to an emergency happening now speaks with that emergency's urgency and action.
 */
export function verdictCard(v: DraftVerdict, ctx: CardContext, parameters: GuidelineParameters): Card {
  const indicator = (ctx.indicatorMap ?? DEFAULT_INDICATOR_MAP)[v.urgency];
  const wording = VERDICT_WORDING[v.concern];
  const sources = citations(sourceKeysOf(v, wording, parameters));
  const suggestion = suggestionFor(v, ctx);
  const pregnancy = v.ruleIds.some((id) => PREGNANCY_RULES.has(id)) || ctx.facts.pregnancy.status === 'yes';
  return {
    summary: fit(summaryOf(v, wording, parameters)),
    indicator,
    detail: verdictDetail(v, ctx.terminology, {
      guideline: guidelineOf(v, wording, parameters),
      sources,
      jurisdiction: parameters.jurisdiction,
    }),
    source: primarySource(sources),
    ...(suggestion ? { suggestions: [suggestion], selectionBehavior: 'any' as const } : {}),
    ...(indicator !== 'info' ? { overrideReasons: ctx.terminology.overrideReasons(pregnancy ? 'pregnancy' : 'other') } : {}),
    links: sourceLinks(sources),
    extension: {
      [RULES_EXTENSION]: v.ruleIds,
      ...traceExtension(v.ruleIds.flatMap((id) => RULES.filter((r) => r.id === id).map((r) => ({ ruleId: id, trace: r.trace })))),
    },
  };
}

/** An emergency now: "EMERGENCY: no digital or bimanual exam — call 911: obstetric emergency now", in the rule's own words. */
function summaryOf(v: DraftVerdict, wording: VerdictWording, p: GuidelineParameters): string {
  if (!v.emergency || !wording.inEmergency) {
    return wording.summary(p);
  }
  const prefix = /^(EMERGENCY|IMMEDIATE)\b/.exec(v.emergency.summary)?.[1] ?? 'EMERGENCY';
  return `${prefix}: ${wording.inEmergency(p).summary} — ${v.emergency.action}`;
}

/** In an emergency: the emergency's own action, then only what still holds in it. */
function guidelineOf(v: DraftVerdict, wording: VerdictWording, p: GuidelineParameters): string {
  return v.emergency && wording.inEmergency
    ? `${v.emergency.title}: ${v.emergency.action}. ${wording.inEmergency(p).guideline}`
    : wording.guideline(p);
}

/** The concern's own source first (when more specific), then each rule's §7.1 sources for the jurisdiction. */
function sourceKeysOf(v: DraftVerdict, wording: VerdictWording, p: GuidelineParameters): SourceKey[] {
  const ruleSources = v.ruleIds.flatMap((id) => RULES.find((r) => r.id === id)?.sources[p.jurisdiction] ?? []);
  return [...(wording.source ? [wording.source] : []), ...ruleSources];
}

/** Delete then create, in one suggestion so accepting it swaps the order; none when there is nothing to act on. */
function suggestionFor(v: DraftVerdict, ctx: CardContext): Suggestion | undefined {
  const t = ctx.terminology;
  const removal: CardAction[] = v.draft.reference
    ? [{ type: 'delete', description: `Remove the draft order: ${v.draft.display}`, resourceId: v.draft.reference }]
    : [];
  const creations: CardAction[] = v.replacement.map((o) => ({
    type: 'create',
    description: `Draft ${o.priority === 'routine' ? '' : `${o.priority} `}order: ${t.order(o.kind, ctx.jurisdiction).text} (${o.reason})`,
    resource: draftServiceRequest(o, ctx, t) as unknown as FhirResourceJson,
  }));
  const actions = [...removal, ...creations];
  if (actions.length === 0) {
    return undefined;
  }
  const instead = v.replacement.map((o) => t.order(o.kind, ctx.jurisdiction).text).join(' + ');
  return {
    label: creations.length
      ? removal.length
        ? `Replace with: ${instead}`
        : `Order instead: ${instead}`
      : `Remove the draft: ${v.draft.display}`,
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
