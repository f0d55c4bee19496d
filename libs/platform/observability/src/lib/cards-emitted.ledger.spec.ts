import { cardsEmittedLedger } from './cards-emitted.ledger';
import { ObservabilityMetrics } from './observability.metrics';

interface Issued {
  serviceId: string;
  hookInstance: string;
  cards: Array<{ indicator: string; rules: string[] }>;
}

const issued: Issued = { serviceId: 'svc-a', hookInstance: 'h-1', cards: [{ indicator: 'warning', rules: ['R-20'] }] };

describe('cardsEmittedLedger', () => {
  it('counts the cards by rule, then hands the whole report to the next ledger', async () => {
    const metrics = new ObservabilityMetrics({ defaultMetrics: false });
    const next = { recordIssued: jest.fn<Promise<void>, [Issued]>(async () => undefined) };
    const ledger = cardsEmittedLedger(metrics, (card: Issued['cards'][number]) => card.rules, next);
    await ledger.recordIssued(issued);
    expect(next.recordIssued).toHaveBeenCalledWith(issued);
    expect(await metrics.registry.getSingleMetricAsString('cds_cards_emitted_total')).toContain(
      'cds_cards_emitted_total{service="svc-a",rule="R-20",indicator="warning"} 1',
    );
  });

  it('counts even when the next ledger fails, and lets its failure reach the caller', async () => {
    const metrics = new ObservabilityMetrics({ defaultMetrics: false });
    const ledger = cardsEmittedLedger(metrics, (card: Issued['cards'][number]) => card.rules, {
      recordIssued: async () => {
        throw new Error('database down');
      },
    });
    await expect(ledger.recordIssued(issued)).rejects.toThrow('database down');
    expect(await metrics.registry.getSingleMetricAsString('cds_cards_emitted_total')).toContain('rule="R-20"');
  });
});
