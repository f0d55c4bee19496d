import type { Card, IssuedCards } from '@pcb-cds/cds-hooks-model';
import { MemoryFeedbackRepository } from '../testing/memory-feedback.repository';
import { DurableCardLedger } from './durable-card.ledger';
import { CardLedgerWriteError } from './feedback-store.error';
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
      { cardUuid: 'c1', serviceId: 'pcb-evaluation', hookInstance: 'hook-1', patientHash, ruleIds: ['PCB-10', 'PCB-12'], indicator: 'critical', issuedAt: '2026-11-22T09:59:00.000Z' },
      { cardUuid: 'c2', serviceId: 'pcb-evaluation', hookInstance: 'hook-1', patientHash, ruleIds: [], indicator: 'info', issuedAt: '2026-11-22T09:59:00.000Z' },
    ]);
    expect(JSON.stringify(repository.cards)).not.toContain('pat-42');
  });

  it('takes another rule id extractor', async () => {
    const repository = new MemoryFeedbackRepository();
    await new DurableCardLedger(repository, { patientHashSalt: SALT, ruleIds: (c) => [...((c.extension?.['acme.rules'] as string[]) ?? []), 'A-1'] }).recordIssued(issued);
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
});
