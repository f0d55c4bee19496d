import { Counter } from 'prom-client';
import type { ObservabilityMetrics } from './observability.metrics';
import { plainLabel } from './label-values';

/** A code system label: a URI or OID as written, never free text. */
const SYSTEM = /^[A-Za-z0-9][A-Za-z0-9._:/#-]{0,127}$/;
/** Distinct (system, code) series kept before the rest count as `other`: the codes come from requests. */
export const MAX_UNRECOGNISED_CODE_SERIES = 500;

export interface UnrecognisedCode {
  system?: string;
  code?: string;
}

/**
 * `cds_unrecognised_result_codes_total{system,code}`: results the service received but could not read,
 * per code, so a site learns which local code to map. Registered in the app's metrics
 * registry; returns the recorder the service calls. Bounded: at most MAX_UNRECOGNISED_CODE_SERIES series.
 */
export function unrecognisedCodesRecorder(
  metrics: ObservabilityMetrics,
  maxSeries = MAX_UNRECOGNISED_CODE_SERIES,
): (codes: readonly UnrecognisedCode[]) => void {
  const counter = new Counter({
    name: 'cds_unrecognised_result_codes_total',
    help: 'Results whose test was recognised but whose result code was not, by code system and code (code="none" when uncoded)',
    labelNames: ['system', 'code'],
    registers: [metrics.registry],
  });
  const seen = new Set<string>();
  return (codes) => {
    for (const c of codes) {
      let system = typeof c.system === 'string' && SYSTEM.test(c.system) ? c.system : c.system === undefined ? 'none' : 'invalid';
      let code = c.code === undefined ? 'none' : plainLabel(c.code, 'invalid');
      const series = `${system}|${code}`;
      if (!seen.has(series)) {
        if (seen.size >= maxSeries) {
          system = 'other';
          code = 'other';
        } else {
          seen.add(series);
        }
      }
      counter.inc({ system, code });
    }
  };
}
