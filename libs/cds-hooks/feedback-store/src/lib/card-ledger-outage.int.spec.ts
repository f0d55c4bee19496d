import type { IssuedCards } from '@pcb-cds/cds-hooks-model';
import type { TcpProxy } from '../testing/tcp-proxy';
import { startTcpProxy } from '../testing/tcp-proxy';
import { dropSchema, findTestPostgres, randomSchemaName } from '../testing/test-postgres';
import { DurableCardLedger } from './durable-card.ledger';
import { PostgresFeedbackRepository } from './postgres-feedback.repository';

// PostgreSQL taken away (a proxy in front of it is killed) and given back: ping fails and recovers, and the cards
// issued meanwhile are kept and written when it returns. The database server itself is never touched.

const postgres = findTestPostgres();
const describeWithPostgres = postgres.url ? describe : describe.skip;
if (!postgres.url) {
  console.warn(`card ledger outage test SKIPPED: ${postgres.skipReason}`);
}

const SALT = 'ledger-outage-salt-0123456789';
const issue = (hookInstance: string, uuid: string): IssuedCards => ({
  serviceId: 'pcb-evaluation',
  hookInstance,
  patientId: 'p1',
  issuedAt: '2026-12-03T10:00:00Z',
  cards: [{ uuid, summary: 's', indicator: 'info', source: { label: 'l' }, extension: { 'org.pcb-cds.rules': ['PCB-10'] } }],
});

describeWithPostgres('the card ledger through a PostgreSQL outage', () => {
  const url = new URL(postgres.url ?? 'postgres://x@127.0.0.1:5432/test');
  const schema = randomSchemaName();
  let proxy: TcpProxy;
  let repository: PostgresFeedbackRepository;

  beforeAll(async () => {
    proxy = await startTcpProxy(Number(url.port || 5432));
    const viaProxy = new URL(url.href);
    viaProxy.port = String(proxy.port);
    repository = new PostgresFeedbackRepository({ connectionString: viaProxy.href, schema, connectionTimeoutMs: 1000 });
    await repository.init();
  });

  afterAll(async () => {
    await repository?.close().catch(() => undefined);
    await proxy?.close();
    if (postgres.url) {
      await dropSchema(postgres.url, schema);
    }
  });

  it('ping fails while the database is away; cards issued meanwhile are kept and written when it is back', async () => {
    const ledger = new DurableCardLedger(repository, { patientHashSalt: SALT, retryIntervalMs: 60_000 });
    await repository.ping();
    await ledger.recordIssued(issue('before', 'card-before'));

    await proxy.close();
    await expect(repository.ping()).rejects.toThrow();
    await expect(ledger.recordIssued(issue('during-1', 'card-during-1'))).rejects.toThrow('issued cards not stored');
    await ledger.recordIssued(issue('during-2', 'card-during-2'));
    await ledger.flush(); // a retry while it is still away
    expect(ledger.pendingCards).toBe(2);

    proxy = await startTcpProxy(Number(url.port || 5432), proxy.port);
    await repository.ping();
    await ledger.flush(); // what the retry timer does
    expect(ledger.pendingCards).toBe(0);
    expect(ledger.lostCards).toBe(0);
    for (const uuid of ['card-before', 'card-during-1', 'card-during-2']) {
      expect((await repository.findIssuedCard(uuid))?.hookInstance).toBeDefined();
    }
  }, 30_000);
});
