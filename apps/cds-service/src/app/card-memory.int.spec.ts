import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeedbackRepository } from '@pcb-cds/cds-hooks-feedback-store';
import type { FeedbackStoreConfig } from '@pcb-cds/cds-hooks-feedback-store';
import { createFeedbackRepository, DurableCardLedger, runGovernanceReport } from '@pcb-cds/cds-hooks-feedback-store';
import { dropSchema, findTestPostgres, randomSchemaName } from '@pcb-cds/cds-hooks-feedback-store/testing';
import type { Card, CdsResponse } from '@pcb-cds/cds-hooks-model';
import type { Observation } from 'fhir/r4';
import { allDemoBundles } from '@pcb-cds/postcoital-bleeding-demo-patients';
import type { PcbTestStack } from './testing/pcb-test-stack';
import { startPcbTestStack } from './testing/pcb-test-stack';

// Card memory through the product, over HTTP: a chart opened again after a clinician dealt with a card.

const NOW = new Date();
const TODAY = NOW.toISOString().slice(0, 10);
const SALT = 'card-memory-int-test-salt-0123456789';
const REASONS = 'http://pcb-cds.org/fhir/CodeSystem/override-reasons';

interface Suppressed {
  count: number;
  cards: Array<{ summary: string; rules: string[]; reason: { code: string; display?: string }; decidedAt: string; until: string }>;
}

const rulesOf = (card: Card): string[] => card.extension?.['org.pcb-cds.rules'] as string[];
const withRule = (body: CdsResponse, rule: string): Card | undefined => body.cards.find((c) => rulesOf(c).includes(rule));
const suppressedOf = (body: CdsResponse): Suppressed | undefined => body.extension?.['org.pcb-cds.suppressed'] as Suppressed | undefined;

const postgres = findTestPostgres();
const schema = randomSchemaName();
const STORES: Array<{ kind: string; skip?: string; config: () => FeedbackStoreConfig }> = [
  { kind: 'SQLite', config: () => ({ sqlitePath: join(mkdtempSync(join(tmpdir(), 'pcb-card-memory-')), 'feedback.sqlite') }) },
  { kind: 'PostgreSQL', skip: postgres.skipReason, config: () => ({ databaseUrl: postgres.url, postgres: { schema } }) },
];

describe.each(STORES)('card memory through the product ($kind)', ({ kind, skip, config }) => {
  const it = skip === undefined ? global.it : global.it.skip;
  let stack: PcbTestStack;
  let repository: FeedbackRepository;
  let storeConfig: FeedbackStoreConfig;

  beforeAll(async () => {
    if (skip !== undefined) {
      return;
    }
    storeConfig = config();
    repository = createFeedbackRepository(storeConfig);
    await repository.init();
    stack = await startPcbTestStack({
      today: TODAY,
      bundles: allDemoBundles(NOW, { includeVignettes: false }),
      // Write-through, so each response's cards are in the ledger before the test sends feedback on them.
      feedback: { repository, ledger: new DurableCardLedger(repository, { patientHashSalt: SALT }), patientHashSalt: SALT },
    });
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    await repository?.close();
    if (kind === 'PostgreSQL' && postgres.url !== undefined) {
      await dropSchema(postgres.url, schema);
    }
  });

  async function sendFeedback(entries: unknown[]): Promise<void> {
    const res = await fetch(`${stack.serviceUrl}/cds-services/pcb-evaluation/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ feedback: entries }),
    });
    expect(res.status).toBe(200);
  }

  const overrideWith = (card: Card, code: string): unknown => ({
    card: card.uuid,
    outcome: 'overridden',
    overrideReason: { reason: card.overrideReasons?.find((r) => r.code === code) ?? { system: REASONS, code } },
    outcomeTimestamp: new Date().toISOString(),
  });

  it('a card overridden "done elsewhere" is held back on the next chart open, listed in the response, counted as held back; new evidence shows it again', async () => {
    const patient = 'pcb-demo-persistent-pcb';
    const first = await stack.patientView(patient);
    const referral = withRule(first.body, 'PCB-15') as Card;
    expect(referral).toBeDefined();
    await sendFeedback([overrideWith(referral, 'done-elsewhere')]);

    const second = await stack.patientView(patient);

    expect(second.status).toBe(200);
    expect(withRule(second.body, 'PCB-15')).toBeUndefined();
    expect(second.body.cards.length).toBe(first.body.cards.length - 1);
    const suppressed = suppressedOf(second.body) as Suppressed;
    expect(suppressed.count).toBe(1);
    expect(suppressed.cards[0]).toMatchObject({
      rules: ['PCB-15'],
      summary: referral.summary,
      reason: { code: 'done-elsewhere', display: 'Done elsewhere (outside records)' },
    });
    const heldFor = Date.parse(suppressed.cards[0].until) - Date.parse(suppressed.cards[0].decidedAt);
    expect(heldFor).toBe(30 * 86_400_000);

    const report = JSON.parse(await runGovernanceReport(storeConfig, { period: { since: `${TODAY}T00:00:00.000Z` }, json: true })) as {
      rows: Array<{
        ruleId: string;
        jurisdiction: string;
        shown: number;
        overridden: number;
        overriddenByReason: Record<string, number>;
        heldBack: number;
      }>;
    };
    expect(report.rows.find((r) => r.ruleId === 'PCB-15')).toMatchObject({
      jurisdiction: 'US',
      shown: 1,
      overridden: 1,
      overriddenByReason: { 'done-elsewhere': 1 },
      heldBack: 1,
    });
    const table = await runGovernanceReport(storeConfig, { period: {}, json: false });
    expect(table).toMatch(/\| PCB-15 \| US \| 1 \| 0 \| 1 \| done-elsewhere ×1 \| 1 \|/);
    const metrics = await (await fetch(`${stack.serviceUrl}/metrics`)).text();
    expect(metrics).toMatch(
      /cds_governance_cards_held_back_total\{service="pcb-evaluation",rule="PCB-15",jurisdiction="US",reason="done-elsewhere"\} 1/,
    );
    expect(metrics).toMatch(
      /cds_governance_feedback_total\{service="pcb-evaluation",rule="PCB-15",jurisdiction="US",outcome="overridden",reason="done-elsewhere"\} 1/,
    );

    // New evidence: a negative pregnancy test today changes what the card rests on.
    await stack.sandbox.transaction({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          resource: <Observation>{
            resourceType: 'Observation',
            status: 'final',
            code: { coding: [{ system: 'http://loinc.org', code: '2106-3' }] },
            subject: { reference: `Patient/${patient}` },
            effectiveDateTime: TODAY,
            valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '260385009' }] },
          },
          request: { method: 'POST', url: 'Observation' },
        },
      ],
    });
    const third = await stack.patientView(patient);
    expect(withRule(third.body, 'PCB-15')?.summary).toBe(referral.summary);
    expect(suppressedOf(third.body)).toBeUndefined();
  });

  it('an urgent card overridden before is still shown, and its detail says when and why it was dismissed', async () => {
    const first = await stack.patientView('pcb-demo-hsil-report');
    const urgent = withRule(first.body, 'PCB-16') as Card;
    expect(urgent.summary).toMatch(/^URGENT/);
    await sendFeedback([overrideWith(urgent, 'done-elsewhere')]);

    const second = await stack.patientView('pcb-demo-hsil-report');

    const again = withRule(second.body, 'PCB-16') as Card;
    expect(again).toBeDefined();
    expect(again.detail).toContain(`Dismissed on ${new Date().toISOString().slice(0, 10)}: Done elsewhere (outside records).`);
    expect(suppressedOf(second.body)).toBeUndefined();
  });

  it('a card whose suggestion was accepted is not suggested again on the next chart open', async () => {
    const first = await stack.patientView('pcb-demo-overdue-pap');
    const workUp = first.body.cards[0];
    expect(workUp.suggestions?.length).toBeGreaterThan(0);
    await sendFeedback([
      {
        card: workUp.uuid,
        outcome: 'accepted',
        acceptedSuggestions: [{ id: workUp.suggestions?.[0].uuid }],
        outcomeTimestamp: new Date().toISOString(),
      },
    ]);

    const second = await stack.patientView('pcb-demo-overdue-pap');

    expect(second.body.cards.find((c) => rulesOf(c).join() === rulesOf(workUp).join())).toBeUndefined();
    expect(suppressedOf(second.body)?.cards[0]).toMatchObject({ rules: rulesOf(workUp), reason: { code: 'accepted' } });
  });

  it('other patients are not affected', async () => {
    const other = await stack.patientView('pcb-demo-cervical-polyp');
    expect(other.body.cards.length).toBeGreaterThan(0);
    expect(suppressedOf(other.body)).toBeUndefined();
  });
});

describe('without card memory (no feedback store) the product behaves as before', () => {
  it('shows the same cards on every chart open and says nothing of held-back cards', async () => {
    const stack = await startPcbTestStack({ today: TODAY, bundles: allDemoBundles(NOW, { includeVignettes: false }) });
    try {
      const first = await stack.patientView('pcb-demo-persistent-pcb');
      const second = await stack.patientView('pcb-demo-persistent-pcb');
      expect(second.body.cards.map((c) => c.summary)).toEqual(first.body.cards.map((c) => c.summary));
      expect(second.body.extension?.['org.pcb-cds.suppressed']).toBeUndefined();
    } finally {
      await stack.close();
    }
  }, 60_000);
});
