import { Logger } from '@nestjs/common';
import type { Card, IssuedCards } from '@pcb-cds/cds-hooks-model';
import { MemoryFeedbackRepository } from '../testing/memory-feedback.repository';
import { DurableCardLedger } from './durable-card.ledger';
import { CardLedgerWriteError } from './feedback-store.error';
import type { IssuedCardRecord } from './feedback-records';
import { hashPatientId, PatientHashSaltError } from './patient-hash';

const SALT = 'ledger-test-salt-0123456789';

const card = (uuid: string | undefined, rules: unknown, indicator: Card['indicator'] = 'warning'): Card => ({
  ...(uuid ? { uuid } : {}),
  summary: 's',
  indicator,
  source: { label: 'l' },
  extension: { 'org.pcb-cds.rules': rules, 'acme.rules': ['A-1'] },
});

const issued: IssuedCards = {
  serviceId: 'pcb-evaluation',
  hookInstance: 'hook-1',
  patientId: 'pat-42',
  cards: [card('c1', ['PCB-10', 'PCB-12'], 'critical'), card(undefined, ['PCB-11']), card('c2', 'not-a-list', 'info')],
  issuedAt: '2026-11-22T09:59:00Z',
};

describe('DurableCardLedger', () => {
  it('stores each card with a uuid: service, hook instance, salted patient hash, rule ids, indicator, time', async () => {
    const repository = new MemoryFeedbackRepository();
    await new DurableCardLedger(repository, { patientHashSalt: SALT }).recordIssued(issued);
    const patientHash = hashPatientId('pat-42', SALT);
    expect(repository.cards).toEqual([
      {
        cardUuid: 'c1',
        serviceId: 'pcb-evaluation',
        hookInstance: 'hook-1',
        patientHash,
        ruleIds: ['PCB-10', 'PCB-12'],
        indicator: 'critical',
        issuedAt: '2026-11-22T09:59:00.000Z',
      },
      {
        cardUuid: 'c2',
        serviceId: 'pcb-evaluation',
        hookInstance: 'hook-1',
        patientHash,
        ruleIds: [],
        indicator: 'info',
        issuedAt: '2026-11-22T09:59:00.000Z',
      },
    ]);
    expect(JSON.stringify(repository.cards)).not.toContain('pat-42');
  });

  it('takes another rule id extractor', async () => {
    const repository = new MemoryFeedbackRepository();
    await new DurableCardLedger(repository, {
      patientHashSalt: SALT,
      ruleIds: (c) => [...((c.extension?.['acme.rules'] as string[]) ?? []), 'A-1'],
    }).recordIssued(issued);
    expect(repository.cards.map((c) => c.ruleIds)).toEqual([['A-1'], ['A-1']]);
  });

  it('refuses a missing or short salt when constructed', () => {
    expect(() => new DurableCardLedger(new MemoryFeedbackRepository(), { patientHashSalt: '' })).toThrow(PatientHashSaltError);
  });

  it('rejects with an error that names the failure, not the data', async () => {
    const repository = new MemoryFeedbackRepository();
    repository.failWith = Object.assign(new Error('connection to pat-42 lost'), { code: 'ECONNRESET' });
    const error = await new DurableCardLedger(repository, { patientHashSalt: SALT }).recordIssued(issued).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(CardLedgerWriteError);
    expect(error?.message).toBe('issued cards not stored (Error ECONNRESET)');
  });

  it('buffered: answers at once, writes one batch per interval, and flush() writes what is left', async () => {
    const repository = new MemoryFeedbackRepository();
    const write = jest.spyOn(repository, 'recordIssuedCards');
    const ledger = new DurableCardLedger(repository, { patientHashSalt: SALT, flushIntervalMs: 60_000 });
    await ledger.recordIssued(issued);
    await ledger.recordIssued({ ...issued, cards: [card('c3', ['PCB-13'])] });
    expect(repository.cards).toHaveLength(0);
    await ledger.flush();
    expect(write).toHaveBeenCalledTimes(1);
    expect(repository.cards.map((c) => c.cardUuid)).toEqual(['c1', 'c2', 'c3']);
  });

  it('buffered: a failed batch is reported, not thrown at the hook call', async () => {
    const repository = new MemoryFeedbackRepository();
    jest.spyOn(repository, 'recordIssuedCards').mockRejectedValueOnce(new Error('disk full'));
    const errors: Error[] = [];
    const ledger = new DurableCardLedger(repository, { patientHashSalt: SALT, flushIntervalMs: 60_000, onError: (e) => errors.push(e) });
    await expect(ledger.recordIssued(issued)).resolves.toBeUndefined();
    await ledger.flush();
    expect(errors.map((e) => e.name)).toEqual(['CardLedgerWriteError']);
  });

  describe('when the store is unreachable (an outage)', () => {
    const issue = (hookInstance: string, uuids: string[]): IssuedCards => ({
      ...issued,
      hookInstance,
      cards: uuids.map((u) => card(u, ['PCB-10'])),
    });
    const down = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });

    it('unbuffered: the first failure rejects, later calls are answered; every card is written, in order, when the store is back', async () => {
      const repository = new MemoryFeedbackRepository();
      const ledger = new DurableCardLedger(repository, { patientHashSalt: SALT, retryIntervalMs: 60_000 });
      repository.failWith = down;
      await expect(ledger.recordIssued(issue('h1', ['a1', 'a2']))).rejects.toBeInstanceOf(CardLedgerWriteError);
      await expect(ledger.recordIssued(issue('h2', ['b1']))).resolves.toBeUndefined();
      expect(ledger.pendingCards).toBe(3);
      await ledger.flush(); // a retry while still down keeps them
      expect(ledger.pendingCards).toBe(3);
      repository.failWith = undefined;
      await ledger.flush(); // what the retry timer does
      expect(repository.cards.map((c) => c.cardUuid)).toEqual(['a1', 'a2', 'b1']);
      expect(ledger.pendingCards).toBe(0);
      expect(ledger.lostCards).toBe(0);
      await ledger.recordIssued(issue('h3', ['c1'])); // written at once again
      expect(repository.cards.map((c) => c.cardUuid)).toEqual(['a1', 'a2', 'b1', 'c1']);
    });

    it('keeps at most maxPendingCards, dropping the oldest and counting them as lost', async () => {
      const repository = new MemoryFeedbackRepository();
      const ledger = new DurableCardLedger(repository, { patientHashSalt: SALT, maxPendingCards: 3, retryIntervalMs: 60_000 });
      repository.failWith = down;
      await ledger.recordIssued(issue('h1', ['a1', 'a2'])).catch(() => undefined);
      await ledger.recordIssued(issue('h2', ['b1', 'b2']));
      await ledger.recordIssued(issue('h3', ['c1']));
      expect(ledger.pendingCards).toBe(3);
      expect(ledger.lostCards).toBe(2);
      repository.failWith = undefined;
      await ledger.flush();
      expect(repository.cards.map((c) => c.cardUuid)).toEqual(['b1', 'b2', 'c1']);
    });

    it('buffered: an outage is reported once however many retries fail, and a retry writes the kept cards', async () => {
      const repository = new MemoryFeedbackRepository();
      const errors: Error[] = [];
      const ledger = new DurableCardLedger(repository, {
        patientHashSalt: SALT,
        flushIntervalMs: 60_000,
        retryIntervalMs: 60_000,
        onError: (e) => errors.push(e),
      });
      repository.failWith = down;
      await ledger.recordIssued(issue('h1', ['a1']));
      await ledger.flush();
      await ledger.recordIssued(issue('h2', ['b1']));
      await ledger.flush();
      await ledger.flush();
      expect(errors).toHaveLength(1);
      expect(errors[0].message).toBe('issued cards not stored (Error ECONNREFUSED)');
      repository.failWith = undefined;
      await ledger.flush();
      expect(repository.cards.map((c) => c.cardUuid)).toEqual(['a1', 'b1']);
    });

    it('writes a long queue in batches of 500 when the store is back', async () => {
      const repository = new MemoryFeedbackRepository();
      const write = jest.spyOn(repository, 'recordIssuedCards');
      const ledger = new DurableCardLedger(repository, { patientHashSalt: SALT, retryIntervalMs: 60_000 });
      repository.failWith = down;
      await ledger.recordIssued(issue('h0', ['first'])).catch(() => undefined);
      for (let i = 0; i < 1_100; i++) {
        await ledger.recordIssued(issue(`h${i + 1}`, [`c${i}`]));
      }
      repository.failWith = undefined;
      write.mockClear();
      await ledger.flush();
      expect(write.mock.calls.map(([batch]) => batch.length)).toEqual([500, 500, 101]);
      expect(repository.cards).toHaveLength(1_101);
      expect(repository.cards[0].cardUuid).toBe('first');
    });
  });

  describe('when the store refuses one card (a data error, not an outage)', () => {
    const issue = (hookInstance: string, uuids: string[]): IssuedCards => ({
      ...issued,
      hookInstance,
      cards: uuids.map((u) => card(u, ['PCB-10'])),
    });
    const refused = Object.assign(new Error('invalid byte sequence in "bad"'), { name: 'DatabaseError', code: '22021' });
    const down = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });

    /** Refuses, like a constraint would, any batch holding the card `bad` (the batch is one statement, so atomic). */
    class RefusingRepository extends MemoryFeedbackRepository {
      override async recordIssuedCards(cards: readonly IssuedCardRecord[]): Promise<void> {
        if (cards.some((c) => c.cardUuid === 'bad')) {
          throw refused;
        }
        return super.recordIssuedCards(cards);
      }
    }

    it('buffered: the other cards are written, the refused one is dropped and counted, the queue drains', async () => {
      const repository = new RefusingRepository();
      const errors: Error[] = [];
      const ledger = new DurableCardLedger(repository, {
        patientHashSalt: SALT,
        flushIntervalMs: 60_000,
        retryIntervalMs: 60_000,
        onError: (e) => errors.push(e),
      });
      await ledger.recordIssued(issue('h1', ['a1', 'a2', 'a3']));
      await ledger.recordIssued(issue('h2', ['bad']));
      await ledger.recordIssued(issue('h3', ['c1', 'c2']));
      await ledger.flush();
      expect(repository.cards.map((c) => c.cardUuid).sort()).toEqual(['a1', 'a2', 'a3', 'c1', 'c2']);
      expect(ledger.lostCards).toBe(1);
      expect(ledger.pendingCards).toBe(0);
      expect(errors).toEqual([]); // not an outage
      await ledger.recordIssued(issue('h4', ['d1']));
      await ledger.flush();
      expect(repository.cards.map((c) => c.cardUuid)).toContain('d1');
    });

    it('a refused card in a full batch of 500 costs a few writes, not one per card', async () => {
      const repository = new RefusingRepository();
      const write = jest.spyOn(repository, 'recordIssuedCards');
      const ledger = new DurableCardLedger(repository, { patientHashSalt: SALT, flushIntervalMs: 60_000 });
      const uuids = Array.from({ length: 500 }, (_, i) => (i === 317 ? 'bad' : `c${i}`));
      await ledger.recordIssued(issue('h1', uuids));
      await ledger.flush();
      expect(repository.cards).toHaveLength(499);
      expect(ledger.lostCards).toBe(1);
      expect(write.mock.calls.length).toBeLessThan(2 * Math.ceil(Math.log2(500)) + 2);
    });

    it('unbuffered: the call resolves, the other cards of the response are written', async () => {
      const repository = new RefusingRepository();
      const ledger = new DurableCardLedger(repository, { patientHashSalt: SALT });
      await expect(ledger.recordIssued(issue('h1', ['a1', 'bad', 'a2']))).resolves.toBeUndefined();
      expect(repository.cards.map((c) => c.cardUuid)).toEqual(['a1', 'a2']);
      expect(ledger.lostCards).toBe(1);
      expect(ledger.pendingCards).toBe(0);
    });

    it('the warning names the error code, not the data', async () => {
      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      try {
        await new DurableCardLedger(new RefusingRepository(), { patientHashSalt: SALT }).recordIssued(issue('h1', ['bad']));
        const lines = warn.mock.calls.map(([line]) => String(line));
        expect(lines).toEqual([
          'the card store refused an issued card (DatabaseError 22021): dropped, counted in cds_card_ledger_lost_total',
        ]);
      } finally {
        warn.mockRestore();
      }
    });

    it('an outage in the middle of isolating a refused card keeps everything not written, in order', async () => {
      const repository = new RefusingRepository();
      const ledger = new DurableCardLedger(repository, {
        patientHashSalt: SALT,
        flushIntervalMs: 60_000,
        retryIntervalMs: 60_000,
        onError: () => undefined,
      });
      await ledger.recordIssued(issue('h1', ['a1', 'a2', 'bad', 'b1']));
      const write = jest.spyOn(repository, 'recordIssuedCards');
      write.mockRejectedValueOnce(refused).mockRejectedValueOnce(down); // the whole batch refused, then the store goes down
      await ledger.flush();
      expect(repository.cards).toEqual([]);
      expect(ledger.pendingCards).toBe(4);
      expect(ledger.lostCards).toBe(0);
      write.mockRestore();
      await ledger.flush();
      expect(repository.cards.map((c) => c.cardUuid)).toEqual(['a1', 'a2', 'b1']);
      expect(ledger.lostCards).toBe(1);
      expect(ledger.pendingCards).toBe(0);
    });

    it('an outage still keeps every card queued, none lost', async () => {
      const repository = new RefusingRepository();
      const ledger = new DurableCardLedger(repository, {
        patientHashSalt: SALT,
        flushIntervalMs: 60_000,
        retryIntervalMs: 60_000,
        onError: () => undefined,
      });
      repository.failWith = down;
      await ledger.recordIssued(issue('h1', ['a1', 'a2']));
      await ledger.flush();
      await ledger.flush();
      expect(ledger.pendingCards).toBe(2);
      expect(ledger.lostCards).toBe(0);
    });
  });
});
