import type { IssuedCards } from '@pcb-cds/cds-hooks-model';
import { CardLedger } from '@pcb-cds/cds-hooks-model';
import type { IssuedCardRecord } from './feedback-records';
import type { FeedbackRepository } from './feedback.repository';
import { CardLedgerWriteError } from './feedback-store.error';
import { hashPatientId } from './patient-hash';
import type { RuleIdExtractor } from './rule-ids';
import { defaultRuleIds } from './rule-ids';

export interface DurableCardLedgerOptions {
  /** Secret salt of the patient hash (see resolvePatientHashSalt); the raw patient id is never stored. */
  patientHashSalt: string;
  /** What each card rests on; default `card.extension["org.pcb-cds.rules"]`. */
  ruleIds?: RuleIdExtractor;
}

/**
 * Remembers issued cards (uuid → service, hook instance, salted patient hash, rule ids, indicator, time) so
 * the report can tie feedback to rules. Cards without a uuid are skipped (feedback cannot name them).
 * Failures reject with CardLedgerWriteError, whose message carries no data; the protocol logs it and still
 * answers with the cards.
 */
export class DurableCardLedger extends CardLedger {
  private readonly ruleIds: RuleIdExtractor;

  constructor(
    private readonly repository: FeedbackRepository,
    private readonly options: DurableCardLedgerOptions,
  ) {
    super();
    hashPatientId('', options.patientHashSalt); // checks the salt now rather than at the first hook call
    this.ruleIds = options.ruleIds ?? defaultRuleIds;
  }

  async recordIssued(issued: IssuedCards): Promise<void> {
    try {
      await this.repository.recordIssuedCards(this.toRecords(issued));
    } catch (error) {
      throw new CardLedgerWriteError(error);
    }
  }

  private toRecords(issued: IssuedCards): IssuedCardRecord[] {
    const patientHash = hashPatientId(issued.patientId, this.options.patientHashSalt);
    const issuedAt = new Date(issued.issuedAt).toISOString();
    return issued.cards.flatMap((card) =>
      card.uuid
        ? [
            {
              cardUuid: card.uuid,
              serviceId: issued.serviceId,
              hookInstance: issued.hookInstance,
              patientHash,
              ruleIds: [...new Set(this.ruleIds(card))],
              indicator: card.indicator,
              issuedAt,
            },
          ]
        : [],
    );
  }
}
