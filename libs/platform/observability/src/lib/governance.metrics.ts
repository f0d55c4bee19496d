import { Counter } from 'prom-client';
import type { ObservabilityMetrics } from './observability.metrics';
import { plainLabel } from './label-values';

/** What a governance committee asks for, per rule and jurisdiction (README "Card memory"). */
export interface GovernanceMetricsOptions {
  /** Override reason codes the service offers: any other code a client sends is counted as `other`. */
  knownReasonCodes: readonly string[];
}

export interface GovernanceCardCount {
  ruleIds: readonly string[];
  jurisdiction?: string;
}

/**
 * `cds_governance_cards_shown_total`, `cds_governance_cards_held_back_total` (by reason) and
 * `cds_governance_feedback_total` (by outcome and reason), each per service, rule and jurisdiction. Per process:
 * Prometheus sums the replicas. Reason labels are bounded to the service's own codes (feedback comes from clients).
 * A feedback entry posted twice (a client retry) counts twice here; `npm run feedback:report` counts it once.
 */
export class GovernanceMetrics {
  private readonly shown: Counter<'service' | 'rule' | 'jurisdiction'>;
  private readonly heldBack: Counter<'service' | 'rule' | 'jurisdiction' | 'reason'>;
  private readonly feedback: Counter<'service' | 'rule' | 'jurisdiction' | 'outcome' | 'reason'>;
  private readonly reasons: ReadonlySet<string>;

  constructor(
    private readonly metrics: ObservabilityMetrics,
    options: GovernanceMetricsOptions,
  ) {
    this.reasons = new Set([...options.knownReasonCodes, 'accepted']);
    const registers = [metrics.registry];
    this.shown = new Counter({
      name: 'cds_governance_cards_shown_total',
      help: 'Cards shown (after card memory), once per rule a card rests on',
      labelNames: ['service', 'rule', 'jurisdiction'],
      registers,
    });
    this.heldBack = new Counter({
      name: 'cds_governance_cards_held_back_total',
      help: 'Cards card memory held back (overridden with a reason, or accepted, before), per rule and reason',
      labelNames: ['service', 'rule', 'jurisdiction', 'reason'],
      registers,
    });
    this.feedback = new Counter({
      name: 'cds_governance_feedback_total',
      help: 'Feedback received on cards the ledger knows, per rule, outcome and override reason (none when accepted or uncoded)',
      labelNames: ['service', 'rule', 'jurisdiction', 'outcome', 'reason'],
      registers,
    });
  }

  cardsRecalled(outcome: {
    serviceId: string;
    shown: readonly GovernanceCardCount[];
    heldBack: ReadonlyArray<GovernanceCardCount & { reasonCode: string }>;
  }): void {
    const service = this.metrics.serviceLabels.label(outcome.serviceId);
    for (const card of outcome.shown) {
      for (const rule of rules(card)) {
        this.shown.inc({ service, rule, jurisdiction: jurisdiction(card) });
      }
    }
    for (const card of outcome.heldBack) {
      for (const rule of rules(card)) {
        this.heldBack.inc({ service, rule, jurisdiction: jurisdiction(card), reason: this.reason(card.reasonCode) });
      }
    }
  }

  feedbackReceived(serviceId: string, card: GovernanceCardCount, outcome: 'accepted' | 'overridden', reasonCode: string | undefined): void {
    const service = this.metrics.serviceLabels.label(serviceId);
    const reason = outcome === 'accepted' || reasonCode === undefined ? 'none' : this.reason(reasonCode);
    for (const rule of rules(card)) {
      this.feedback.inc({ service, rule, jurisdiction: jurisdiction(card), outcome, reason });
    }
  }

  private reason(code: string): string {
    return this.reasons.has(code) ? code : 'other';
  }
}

function rules(card: GovernanceCardCount): string[] {
  const list = [...new Set(card.ruleIds.map((r) => plainLabel(r, 'invalid')))];
  return list.length > 0 ? list : ['none'];
}

function jurisdiction(card: GovernanceCardCount): string {
  return plainLabel(card.jurisdiction, 'unknown');
}
