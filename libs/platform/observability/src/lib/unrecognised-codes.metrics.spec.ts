import { ObservabilityMetrics } from './observability.metrics';
import { unrecognisedCodesRecorder } from './unrecognised-codes.metrics';

const exposition = async (metrics: ObservabilityMetrics): Promise<string> => (await metrics.exposition()).body;

describe('cds_unrecognised_result_codes_total', () => {
  it('counts each unreadable result per system and code', async () => {
    const metrics = new ObservabilityMetrics({ defaultMetrics: false });
    const record = unrecognisedCodesRecorder(metrics);
    record([
      { system: 'http://snomed.info/sct', code: '999999999' },
      { system: 'http://snomed.info/sct', code: '999999999' },
    ]);
    record([{ system: 'urn:oid:1.2.3', code: 'LOCAL-7' }, {}]);
    const body = await exposition(metrics);
    expect(body).toContain('cds_unrecognised_result_codes_total{system="http://snomed.info/sct",code="999999999"} 2');
    expect(body).toContain('cds_unrecognised_result_codes_total{system="urn:oid:1.2.3",code="LOCAL-7"} 1');
    expect(body).toContain('cds_unrecognised_result_codes_total{system="none",code="none"} 1');
  });

  it('never puts free text into a label', async () => {
    const metrics = new ObservabilityMetrics({ defaultMetrics: false });
    unrecognisedCodesRecorder(metrics)([{ system: 'a system with spaces', code: 'x"} 1\nfake 2' }]);
    expect(await exposition(metrics)).toContain('cds_unrecognised_result_codes_total{system="invalid",code="invalid"} 1');
  });

  it('keeps a bounded number of series, the rest as other', async () => {
    const metrics = new ObservabilityMetrics({ defaultMetrics: false });
    const record = unrecognisedCodesRecorder(metrics, 2);
    record([
      { system: 's', code: 'a' },
      { system: 's', code: 'b' },
      { system: 's', code: 'c' },
      { system: 's', code: 'a' },
    ]);
    const body = await exposition(metrics);
    expect(body).toContain('cds_unrecognised_result_codes_total{system="s",code="a"} 2');
    expect(body).toContain('cds_unrecognised_result_codes_total{system="other",code="other"} 1');
    expect(body).not.toContain('code="c"');
  });
});
