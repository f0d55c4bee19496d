import { serviceIdOf } from './hook-route';

describe('serviceIdOf: the {id} of POST /cds-services/{id}, as Express routes it', () => {
  it.each<[string, string, string | undefined]>([
    ['a service', '/cds-services/pcb-evaluation', 'pcb-evaluation'],
    ['a trailing slash', '/cds-services/pcb-evaluation/', 'pcb-evaluation'],
    ['a query string', '/cds-services/pcb-evaluation?debug=1', 'pcb-evaluation'],
    ['another case in the fixed part', '/CDS-Services/pcb-evaluation', 'pcb-evaluation'],
    ['a percent-encoded id', '/cds-services/pcb%2Devaluation', 'pcb-evaluation'],
    ['discovery', '/cds-services', undefined],
    ['discovery with a slash', '/cds-services/', undefined],
    ['feedback', '/cds-services/pcb-evaluation/feedback', undefined],
    ['a deeper path', '/cds-services/a/b/c', undefined],
    ['another route', '/health', undefined],
    ['a look-alike prefix', '/cds-services-x/pcb-evaluation', undefined],
    ['a malformed escape', '/cds-services/%E0%A4%A', undefined],
  ])('%s', (_name, url, id) => {
    expect(serviceIdOf(url)).toBe(id);
  });
});
