import { Logger } from '@nestjs/common';
import type { IssuedCards } from '@pcb-cds/cds-hooks-model';
import { CardLedger } from '@pcb-cds/cds-hooks-model';
import type { CardMemoryKeyExtractor } from './card-memory-key';
import { defaultCardMemoryKey } from './card-memory-key';
import type { IssuedCardRecord } from './feedback-records';
import type { FeedbackRepository } from './feedback.repository';
import { CardLedgerWriteError, describeStoreFailure } from './feedback-store.error';
import type { PatientHash } from './patient-hash';
import { hashPatientId } from './patient-hash';
import type { RuleIdExtractor } from './rule-ids';
import { defaultRuleIds } from './rule-ids';
import { isRefusedRecordError } from './store-failure-kind';

export interface DurableCardLedgerOptions {
  /** Secret salt of the patient hash (see resolvePatientHashSalt); the raw patient id is never stored. */
  patientHashSalt: string;
  /** What each card rests on; default `card.extension["org.pcb-cds.rules"]`. */
  ruleIds?: RuleIdExtractor;
  /** What card memory compares (evidence hash, jurisdiction, urgency); default `card.extension["org.pcb-cds.memory"]`. */
  memoryKey?: CardMemoryKeyExtractor;
  /**
   * 0 (default): each response's cards are written before the response goes out. Above 0: they are
   * buffered and written in one transaction at most this many ms later — one fsync per batch instead of
   * per request, which is what keeps a durable ledger off the hot path. A crash loses at most that window
   * of *ledger* entries (feedback on those cards is still stored, only not tied to its rules); `flush()`
   * on shutdown loses nothing.
   */
  flushIntervalMs?: number;
  /**
   * Cards kept in memory while the store cannot be written (an outage), to be written when it answers again;
   * beyond this many the oldest are dropped and counted as lost (`lostCards`). Default 10 000 (a few MB).
   */
  maxPendingCards?: number;
  /** How often the kept cards are tried again during an outage; default 1 s. */
  retryIntervalMs?: number;
  /** Where a failed write is reported (once per outage); default the Nest logger. */
  onError?: (error: CardLedgerWriteError) => void;
}

/** Bound of the patient-hash memo (ids come from requests). */
const MAX_REMEMBERED_PATIENT_HASHES = 10_000;

/** A batch is written early when it reaches this many cards; kept cards are written in batches of this size. */
const MAX_BUFFERED_CARDS = 500;

export const DEFAULT_MAX_PENDING_CARDS = 10_000;
export const DEFAULT_LEDGER_RETRY_INTERVAL_MS = 1_000;

/** A write stopped by an outage: the cards not written (oldest first) and the store's error. */
interface StoreOutage {
  error: unknown;
  unwritten: IssuedCardRecord[];
}

/**
 * Remembers issued cards (uuid → service, hook instance, salted patient hash, rule ids, indicator, time) so
 * the report can tie feedback to rules. Cards without a uuid are skipped (feedback cannot name them).
 *
 * When the store cannot be written (the database is down), the cards are kept in a bounded queue, retried
 * every `retryIntervalMs` and written when it answers again, oldest first; past `maxPendingCards` the oldest
 * are dropped and counted (`lostCards`, exposed as a metric). The hook calls are answered meanwhile.
 * Unbuffered, the first failure of an outage rejects with CardLedgerWriteError (its message carries no data),
 * which the protocol logs; later calls during the outage resolve, their cards queued.
 *
 * A card the store refuses (a data or constraint error, see isRefusedRecordError) is not an outage: retrying
 * it would block every card behind it. Its batch is halved until the refused card is alone; the others are
 * written, it is dropped and counted as lost, and a warning names the error code (never the data).
 */
export class DurableCardLedger extends CardLedger {
  private readonly ruleIds: RuleIdExtractor;
  private readonly logger = new Logger('CardLedger');
  private readonly maxPending: number;
  private readonly retryIntervalMs: number;

  constructor(
    private readonly repository: FeedbackRepository,
    private readonly options: DurableCardLedgerOptions,
  ) {
    super();
    hashPatientId('', options.patientHashSalt); // checks the salt now rather than at the first hook call
    this.ruleIds = options.ruleIds ?? defaultRuleIds;
    this.maxPending = options.maxPendingCards ?? DEFAULT_MAX_PENDING_CARDS;
    this.retryIntervalMs = options.retryIntervalMs ?? DEFAULT_LEDGER_RETRY_INTERVAL_MS;
    if (!Number.isInteger(this.maxPending) || this.maxPending < 1 || !(this.retryIntervalMs > 0)) {
      throw new RangeError('DurableCardLedger: maxPendingCards must be a positive integer and retryIntervalMs positive');
    }
  }

  /** Cards not written yet, oldest first: buffered, or kept during an outage. */
  private pending: IssuedCardRecord[] = [];
  private lost = 0;
  private outage = false;
  private lossLogged = false;
  /** Patient id → salted hash: an HMAC per hook call is a visible share of its CPU; charts are reopened often. */
  private readonly patientHashes = new Map<string, PatientHash>();
  private timer?: ReturnType<typeof setTimeout>;
  private writing: Promise<void> = Promise.resolve();

  /** Cards waiting to be written (buffered or kept through an outage). */
  get pendingCards(): number {
    return this.pending.length;
  }

  /** Cards dropped since start: more than `maxPendingCards` waited during an outage, or the store refused them. */
  get lostCards(): number {
    return this.lost;
  }

  async recordIssued(issued: IssuedCards): Promise<void> {
    const records = this.toRecords(issued);
    if (records.length === 0) {
      return;
    }
    if (!this.options.flushIntervalMs && !this.outage) {
      const outage = await this.writeAllButRefused(records);
      if (outage) {
        this.keep(outage.unwritten);
        this.startOutage(outage.error, false);
        throw new CardLedgerWriteError(outage.error);
      }
      return;
    }
    this.keep(records);
    if (this.outage) {
      return; // the retry timer writes them
    }
    if (this.pending.length >= MAX_BUFFERED_CARDS) {
      void this.flush();
    } else if (!this.timer) {
      this.schedule(this.options.flushIntervalMs as number);
    }
  }

  /** Writes what is pending (batches of 500, oldest first); resolves when done or when the store fails again. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.writing = this.writing.then(() => this.writePending());
    return this.writing;
  }

  private async writePending(): Promise<void> {
    let written = 0;
    while (this.pending.length > 0) {
      // Taken out while written, so that the bound (which drops the oldest) never drops a batch in flight.
      const batch = this.pending.splice(0, MAX_BUFFERED_CARDS);
      const lostBefore = this.lost;
      const outage = await this.writeAllButRefused(batch);
      if (outage) {
        this.pending.unshift(...outage.unwritten);
        this.enforceBound();
        this.startOutage(outage.error, true);
        return;
      }
      written += batch.length - (this.lost - lostBefore);
    }
    if (this.outage) {
      this.outage = false;
      this.lossLogged = false;
      this.logger.log(`the card store answers again: ${written} kept card(s) written`);
    }
  }

  /**
   * Writes the batch; when the store refuses a record, halves it until the refused cards are alone and drops
   * those (a few writes per refused card instead of one per card). Returns what an outage left unwritten.
   */
  private async writeAllButRefused(batch: IssuedCardRecord[]): Promise<StoreOutage | undefined> {
    try {
      await this.repository.recordIssuedCards(batch);
      return undefined;
    } catch (error) {
      if (!isRefusedRecordError(error)) {
        return { error, unwritten: batch };
      }
      if (batch.length === 1) {
        this.lost += 1;
        this.logger.warn(
          `the card store refused an issued card (${describeStoreFailure(error)}): dropped, counted in cds_card_ledger_lost_total`,
        );
        return undefined;
      }
      const half = Math.ceil(batch.length / 2);
      const first = await this.writeAllButRefused(batch.slice(0, half));
      if (first) {
        return { error: first.error, unwritten: [...first.unwritten, ...batch.slice(half)] };
      }
      return this.writeAllButRefused(batch.slice(half));
    }
  }

  private keep(records: IssuedCardRecord[]): void {
    this.pending.push(...records);
    this.enforceBound();
  }

  private enforceBound(): void {
    const excess = this.pending.length - this.maxPending;
    if (excess > 0) {
      if (!this.lossLogged) {
        this.lossLogged = true;
        this.logger.warn(
          `more than ${this.maxPending} issued cards wait for the card store: the oldest are dropped (cds_card_ledger_lost_total)`,
        );
      }
      this.pending.splice(0, excess);
      this.lost += excess;
    }
  }

  /** The first failure of an outage is reported once (unless the caller throws it); a retry is scheduled. */
  private startOutage(error: unknown, report: boolean): void {
    if (!this.outage) {
      this.outage = true;
      if (report) {
        (this.options.onError ?? ((e: CardLedgerWriteError): void => this.logger.error(e.message)))(new CardLedgerWriteError(error));
      }
      this.logger.warn(
        `the card store cannot be written: issued cards are kept (at most ${this.maxPending}) and retried every ${this.retryIntervalMs} ms`,
      );
    }
    this.schedule(this.retryIntervalMs);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), ms);
    this.timer.unref();
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
              ...(this.options.memoryKey ?? defaultCardMemoryKey)(card),
            },
          ]
        : [],
    );
  }
}
