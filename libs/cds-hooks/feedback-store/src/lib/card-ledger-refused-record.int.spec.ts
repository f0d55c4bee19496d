import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IssuedCards } from '@pcb-cds/cds-hooks-model';
import { dropSchema, findTestPostgres, randomSchemaName } from '../testing/test-postgres';
import { DurableCardLedger } from './durable-card.ledger';
import type { FeedbackRepository } from './feedback.repository';
import { PostgresFeedbackRepository } from './postgres-feedback.repository';
import { SqliteFeedbackRepository } from './sqlite-feedback.repository';

// A card the real store refuses (NOT NULL violated: SQLSTATE 23502 / SQLITE_CONSTRAINT_NOTNULL) among good ones:
// the good ones are written, the refused one dropped and counted, and the queue does not wedge.

const postgres = findTestPostgres();
if (!postgres.url) {
  console.warn(`card ledger refused-record test on PostgreSQL SKIPPED: ${postgres.skipReason}`);
}

const SALT = 'ledger-refused-salt-0123456789';
const issue = (hookInstance: string, uuids: string[], serviceId: string | null = 'pcb-evaluation'): IssuedCards => ({
  serviceId: serviceId as string, // null only to make the store refuse the row, as a corrupt record would
  hookInstance,
  patientId: 'p1',
  issuedAt: '2026-12-03T10:00:00Z',
  cards: uuids.map((uuid) => ({
    uuid,
    summary: 's',
    indicator: 'info',
    source: { label: 'l' },
    extension: { 'org.pcb-cds.rules': ['PCB-10'] },
  })),
});

type Store = { name: string; open: () => Promise<FeedbackRepository>; cleanUp: () => Promise<void> };

const stores: Store[] = [
  (() => {
    let dir = '';
    return {
      name: 'SQLite',
      open: async (): Promise<FeedbackRepository> => {
        dir = mkdtempSync(join(tmpdir(), 'ledger-refused-'));
        return new SqliteFeedbackRepository({ path: join(dir, 'feedback.sqlite') });
      },
      cleanUp: async (): Promise<void> => rmSync(dir, { recursive: true, force: true }),
    };
  })(),
  ...(postgres.url
    ? [
        (() => {
          const url = postgres.url as string;
          const schema = randomSchemaName();
          return {
            name: 'PostgreSQL',
            open: async (): Promise<FeedbackRepository> => new PostgresFeedbackRepository({ connectionString: url, schema }),
            cleanUp: async (): Promise<void> => dropSchema(url, schema),
          };
        })(),
      ]
    : []),
];

describe.each(stores)('the card ledger on $name when the store refuses one card', (store) => {
  let repository: FeedbackRepository;

  beforeAll(async () => {
    repository = await store.open();
    await repository.init();
  });

  afterAll(async () => {
    await repository?.close().catch(() => undefined);
    await store.cleanUp();
  });

  it('writes the good cards, drops and counts the refused one, and keeps writing later cards', async () => {
    const ledger = new DurableCardLedger(repository, {
      patientHashSalt: SALT,
      flushIntervalMs: 60_000,
      retryIntervalMs: 60_000,
      onError: () => undefined,
    });
    await ledger.recordIssued(issue('h1', ['good-1', 'good-2']));
    await ledger.recordIssued(issue('h2', ['refused'], null));
    await ledger.recordIssued(issue('h3', ['good-3']));
    await ledger.flush();

    expect(ledger.lostCards).toBe(1);
    expect(ledger.pendingCards).toBe(0);
    for (const uuid of ['good-1', 'good-2', 'good-3']) {
      expect((await repository.findIssuedCard(uuid))?.cardUuid).toBe(uuid);
    }
    expect(await repository.findIssuedCard('refused')).toBeUndefined();

    await ledger.recordIssued(issue('h4', ['good-4']));
    await ledger.flush();
    expect((await repository.findIssuedCard('good-4'))?.cardUuid).toBe('good-4');
    await expect(repository.ping()).resolves.toBeUndefined();
  });
});
