import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeedbackRepository } from '@pcb-cds/cds-hooks-feedback-store';
import { DurableCardLedger, feedbackReport, SqliteFeedbackRepository } from '@pcb-cds/cds-hooks-feedback-store';
import { allDemoBundles } from '@pcb-cds/postcoital-bleeding-demo-patients';
import type { PcbTestStack } from './testing/pcb-test-stack';
import { startPcbTestStack } from './testing/pcb-test-stack';

const NOW = new Date();

// Feedback end to end: the card a clinician saw is tied to its rules, and her answer is durable.
describe('durable feedback through the product', () => {
  let stack: PcbTestStack;
  let repository: FeedbackRepository;

  beforeAll(async () => {
    repository = new SqliteFeedbackRepository({ path: join(mkdtempSync(join(tmpdir(), 'pcb-feedback-')), 'feedback.sqlite') });
    await repository.init();
    stack = await startPcbTestStack({
      today: NOW.toISOString().slice(0, 10),
      bundles: allDemoBundles(NOW, { includeVignettes: false }),
      // Write-through, so the test reads what each response issued without waiting for a batch.
      feedback: { repository, ledger: new DurableCardLedger(repository, { patientHashSalt: 'a-test-salt-of-sufficient-length' }) },
    });
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    await repository?.close();
  });

  it('records issued cards with their rules, stores accepted and overridden feedback once, and reports rates per rule', async () => {
    const { body } = await stack.patientView('pcb-demo-pregnant-30w');
    const [critical, anti] = body.cards;
    expect(critical.extension?.['org.pcb-cds.rules']).toEqual(['PCB-32']);
    const issued = await repository.findIssuedCard(critical.uuid as string);
    expect(issued).toMatchObject({ serviceId: 'pcb-evaluation', ruleIds: ['PCB-32'] });
    expect(JSON.stringify(issued)).not.toContain('pcb-demo-pregnant-30w');

    const feedback = {
      feedback: [
        {
          card: critical.uuid,
          outcome: 'accepted',
          acceptedSuggestions: [{ id: critical.suggestions?.[0].uuid }],
          outcomeTimestamp: '2026-11-22T10:00:00Z',
        },
        {
          card: anti.uuid,
          outcome: 'overridden',
          overrideReason: { reason: anti.overrideReasons?.[0], userComment: 'given at booking' },
          outcomeTimestamp: '2026-11-22T10:01:00Z',
        },
      ],
    };
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${stack.serviceUrl}/cds-services/pcb-evaluation/feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(feedback),
      });
      expect(res.status).toBe(200);
    }
    expect(await repository.listFeedback({ cardUuid: critical.uuid })).toHaveLength(1);
    const report = await feedbackReport(repository);
    const byRule = Object.fromEntries(report.rules.map((r) => [r.ruleId, r]));
    expect(byRule['PCB-32']).toMatchObject({ accepted: 1, overridden: 0 });
    expect(byRule['PCB-33']).toMatchObject({ accepted: 0, overridden: 1 });
  });
});
