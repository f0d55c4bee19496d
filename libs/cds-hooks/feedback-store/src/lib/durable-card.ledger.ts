import { Logger } from '@nestjs/common';
import type { IssuedCards } from '@pcb-cds/cds-hooks-model';
import { CardLedger } from '@pcb-cds/cds-hooks-model';
import type { IssuedCardRecord } from './feedback-records';
import type { FeedbackRepository } from './feedback.repository';
import { CardLedgerWriteError } from './feedback-store.error';
import type { PatientHash } from './patient-hash';
import { hashPatientId } from './patient-hash';
import type { RuleIdExtractor } from './rule-ids';
import { defaultRuleIds } from './rule-ids';

export interface DurableCardLedgerOptions {
  /** Secret salt of the patient hash (see resolvePatientHashSalt); the raw patient id is never stored. */
  patientHashSalt: string;
  /** What each card rests on; default `card.extension["org.pcb-cds.rules"]`. */
  ruleIds?: RuleIdExtractor;
  /**
   * 0 (default): each response's cards are written before the response goes out. Above 0: they are
   * buffered and written in one transaction at most this many ms later — one fsync per batch instead of
   * per request, which is what keeps a durable ledger off the hot path. A crash loses at most that window
   * of *ledger* entries (feedback on those cards is still stored, only not tied to its rules); `flush()`
   * on shutdown loses nothing.
   */
  flushIntervalMs?: number;
  /** Where a failed batch is reported; default the Nest logger. */
  onError?: (error: CardLedgerWriteError) => void;
}

/** Bound of the patient-hash memo (ids come from requests). */
const MAX_REMEMBERED_PATIENT_HASHES = 10_000;

/** A batch is written early when it reaches this many cards. */
const MAX_BUFFERED_CARDS = 500;

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

  private buffer: IssuedCardRecord[] = [];
  /** Patient id → salted hash: an HMAC per hook call was a visible share of its CPU; charts are reopened often. */
  private readonly patientHashes = new Map<string, PatientHash>();
  private timer?: ReturnType<typeof setTimeout>;
  private writing: Promise<void> = Promise.resolve();

  async recordIssued(issued: IssuedCards): Promise<void> {
    const records = this.toRecords(issued);
    if (!this.options.flushIntervalMs) {
      try {
        await this.repository.recordIssuedCards(records);
      } catch (error) {
        throw new CardLedgerWriteError(error);
      }
      return;
    }
    this.buffer.push(...records);
    if (this.buffer.length >= MAX_BUFFERED_CARDS) {
      void this.flush();
    } else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.options.flushIntervalMs);
      this.timer.unref();
    }
  }

  /** Writes what is buffered (one transaction); resolves when every earlier batch is written. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length > 0) {
      const report = this.options.onError ?? ((e: CardLedgerWriteError): void => new Logger('CardLedger').error(e.message));
      this.writing = this.writing.then(() => this.repository.recordIssuedCards(batch)).catch((error) => report(new CardLedgerWriteError(error)));
    }
    return this.writing;
  }

  private patientHash(patientId: string): PatientHash {
    let hash = this.patientHashes.get(patientId);
    if (hash === undefined) {
      hash = hashPatientId(patientId, this.options.patientHashSalt);
      if (this.patientHashes.size >= MAX_REMEMBERED_PATIENT_HASHES) {
        this.patientHashes.clear();
      }
      this.patientHashes.set(patientId, hash);
    }
    return hash;
  }

  private toRecords(issued: IssuedCards): IssuedCardRecord[] {
    const patientHash = this.patientHash(issued.patientId);
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
