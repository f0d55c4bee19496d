import { Logger } from '@nestjs/common';
import type { Card, IssuedCards, RecalledCards } from '@pcb-cds/cds-hooks-model';
import { CardMemory } from '@pcb-cds/cds-hooks-model';
import type { CardMemoryKeyExtractor } from './card-memory-key';
import { defaultCardMemoryKey, SUPPRESSED_EXTENSION } from './card-memory-key';
import type { CardMemoryPolicy } from './card-memory-policy';
import { DAY_MS, lookbackDays } from './card-memory-policy';
import type { HeldBackCardRecord } from './card-memory-records';
import type { FeedbackRepository } from './feedback.repository';
import { hashPatientId } from './patient-hash';
import type { RecallDecision } from './recall-decision';
import { decideRecall } from './recall-decision';
import type { RuleIdExtractor } from './rule-ids';
import { defaultRuleIds } from './rule-ids';

/** One held-back card as the response lists it (`extension["org.pcb-cds.suppressed"].cards`). No patient data beyond the card's own summary. */
export interface SuppressedCardEntry {
  summary: string;
  indicator: Card['indicator'];
  rules: string[];
  /** The override reason (code and display), or `{ code: "accepted" }`. */
  reason: { code: string; display?: string };
  /** When the clinician dismissed or accepted it (as the service received the feedback). */
  decidedAt: string;
  /** Shown again from this instant, or sooner on new evidence. */
  until: string;
}

/** What card memory tells the app (for metrics): per card, shown or held back, with its rules and jurisdiction. */
export interface RecallOutcome {
  serviceId: string;
  shown: Array<{ ruleIds: string[]; jurisdiction?: string }>;
  heldBack: Array<{ ruleIds: string[]; jurisdiction?: string; reasonCode: string }>;
}

export interface DurableCardMemoryOptions {
  /** The same salt as the card ledger's (PATIENT_HASH_SALT): the memory finds a patient's cards by it. */
  patientHashSalt: string;
  policy: CardMemoryPolicy;
  ruleIds?: RuleIdExtractor;
  memoryKey?: CardMemoryKeyExtractor;
  /** Told what each response showed and held back (the app counts it in Prometheus). */
  onRecalled?: (outcome: RecallOutcome) => void;
}

/**
 * Card memory on the feedback store: one indexed query per response (feedback on this patient's cards of this
 * service within the longest window), a pure decision per card (decideRecall), and one insert of what was
 * held back. Keyed by the salted patient hash, so every replica sharing the store and the salt remembers the
 * same. Nothing is remembered in the process.
 */
export class DurableCardMemory extends CardMemory {
  private readonly ruleIds: RuleIdExtractor;
  private readonly memoryKey: CardMemoryKeyExtractor;
  private readonly logger = new Logger('CardMemory');

  constructor(
    private readonly repository: FeedbackRepository,
    private readonly options: DurableCardMemoryOptions,
  ) {
    super();
    hashPatientId('', options.patientHashSalt); // checks the salt now
    this.ruleIds = options.ruleIds ?? defaultRuleIds;
    this.memoryKey = options.memoryKey ?? defaultCardMemoryKey;
  }

  async recall(issued: IssuedCards): Promise<RecalledCards> {
    const now = new Date(issued.issuedAt);
    const patientHash = hashPatientId(issued.patientId, this.options.patientHashSalt);
    const since = new Date(now.getTime() - lookbackDays(this.options.policy) * DAY_MS).toISOString();
    const history = await this.repository.recallFeedback({ patientHash, serviceId: issued.serviceId, since });
    const cards: Card[] = [];
    const suppressed: SuppressedCardEntry[] = [];
    const heldBack: HeldBackCardRecord[] = [];
    const outcome: RecallOutcome = { serviceId: issued.serviceId, shown: [], heldBack: [] };
    for (const card of issued.cards) {
      const key = this.memoryKey(card);
      const ruleIds = [...new Set(this.ruleIds(card))];
      const jurisdiction = key.jurisdiction !== undefined ? { jurisdiction: key.jurisdiction } : {};
      const decision: RecallDecision =
        history.length === 0 ? { kind: 'show' } : decideRecall({ ...key, ruleIds }, history, this.options.policy, now);
      if (decision.kind === 'hold-back') {
        suppressed.push({
          summary: card.summary,
          indicator: card.indicator,
          rules: ruleIds,
          reason: { code: decision.reasonCode, ...(decision.reasonDisplay !== undefined ? { display: decision.reasonDisplay } : {}) },
          decidedAt: decision.decidedAt,
          until: decision.until,
        });
        heldBack.push({
          serviceId: issued.serviceId,
          patientHash,
          ruleIds,
          ...jurisdiction,
          reasonCode: decision.reasonCode,
          heldAt: now.toISOString(),
          heldUntil: decision.until,
        });
        outcome.heldBack.push({ ruleIds, ...jurisdiction, reasonCode: decision.reasonCode });
        continue;
      }
      cards.push(decision.kind === 'show-with-note' ? withNote(card, decision.note) : card);
      outcome.shown.push({ ruleIds, ...jurisdiction });
    }
    if (heldBack.length > 0) {
      await this.recordHeldBack(heldBack);
    }
    this.options.onRecalled?.(outcome);
    return suppressed.length === 0
      ? { cards }
      : { cards, extension: { [SUPPRESSED_EXTENSION]: { count: suppressed.length, cards: suppressed } } };
  }

  /** A lost held-back row costs the report one count, not the clinician a hidden-again card: logged, not thrown. */
  private async recordHeldBack(records: HeldBackCardRecord[]): Promise<void> {
    try {
      await this.repository.recordHeldBack(records);
    } catch (error) {
      this.logger.error(`held-back cards not recorded for the report: ${(error as Error).name}`);
    }
  }
}

function withNote(card: Card, note: string): Card {
  return { ...card, detail: card.detail ? `${card.detail}\n\n**${note}**` : `**${note}**` };
}
