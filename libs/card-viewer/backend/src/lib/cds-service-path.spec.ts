import { cdsServicesPath, isServiceId } from './cds-service-path';

describe('cdsServicesPath', () => {
  it('builds discovery, service and feedback paths', () => {
    expect(cdsServicesPath()).toBe('/cds-services');
    expect(cdsServicesPath('pcb-evaluation')).toBe('/cds-services/pcb-evaluation');
    expect(cdsServicesPath('pcb-evaluation', true)).toBe('/cds-services/pcb-evaluation/feedback');
  });

  it.each(['..', '.', '', 'a/b', '../admin', 'a?x=1', 'a#b', '%2e%2e', 'x'.repeat(129)])('refuses %j as a service id', (id) => {
    expect(isServiceId(id)).toBe(false);
    expect(() => cdsServicesPath(id)).toThrow('Not a CDS service id');
  });
});
