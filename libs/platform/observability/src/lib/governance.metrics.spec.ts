import { GovernanceMetrics } from './governance.metrics';
import { ObservabilityMetrics } from './observability.metrics';

describe('GovernanceMetrics', () => {
  const setup = (): { metrics: ObservabilityMetrics; governance: GovernanceMetrics } => {
    const metrics = new ObservabilityMetrics({ knownServiceIds: ['pcb-evaluation'], defaultMetrics: false });
    return { metrics, governance: new GovernanceMetrics(metrics, { knownReasonCodes: ['done-elsewhere'] }) };
  };

  it('counts shown and held-back cards once per rule, per jurisdiction and reason', async () => {
    const { metrics, governance } = setup();
    governance.cardsRecalled({
      serviceId: 'pcb-evaluation',
      shown: [{ ruleIds: ['PCB-10', 'PCB-11'], jurisdiction: 'UK' }],
      heldBack: [{ ruleIds: ['PCB-15'], jurisdiction: 'UK', reasonCode: 'done-elsewhere' }],
    });
    const text = (await metrics.exposition()).body;
    expect(text).toContain('cds_governance_cards_shown_total{service="pcb-evaluation",rule="PCB-10",jurisdiction="UK"} 1');
    expect(text).toContain('cds_governance_cards_shown_total{service="pcb-evaluation",rule="PCB-11",jurisdiction="UK"} 1');
    expect(text).toContain(
      'cds_governance_cards_held_back_total{service="pcb-evaluation",rule="PCB-15",jurisdiction="UK",reason="done-elsewhere"} 1',
    );
  });

  it('a reason code the service does not offer (sent by a client) is counted as "other", never as a new series', async () => {
    const { metrics, governance } = setup();
    governance.feedbackReceived('pcb-evaluation', { ruleIds: ['PCB-15'] }, 'overridden', 'made-up-code-123');
    governance.feedbackReceived('pcb-evaluation', { ruleIds: ['PCB-15'], jurisdiction: 'US' }, 'accepted', 'done-elsewhere');
    const text = (await metrics.exposition()).body;
    expect(text).toContain(
      'cds_governance_feedback_total{service="pcb-evaluation",rule="PCB-15",jurisdiction="unknown",outcome="overridden",reason="other"} 1',
    );
    expect(text).toContain(
      'cds_governance_feedback_total{service="pcb-evaluation",rule="PCB-15",jurisdiction="US",outcome="accepted",reason="none"} 1',
    );
    expect(text).not.toContain('made-up-code-123');
  });
});
