import { findViewerServices } from './discovery';

const service = (id: string, hook: string): { id: string; hook: string; description: string } => ({ id, hook, description: id });

describe('findViewerServices', () => {
  it('finds the services by hook, preferring the product ids', () => {
    const found = findViewerServices({
      services: [service('other-pv', 'patient-view'), service('pcb-evaluation', 'patient-view'), service('sel', 'order-select')],
    });
    expect(found.patientView?.id).toBe('pcb-evaluation');
    expect(found.orderSelect?.id).toBe('sel');
    expect(found.orderSign).toBeUndefined();
  });

  it('finds nothing in an empty discovery', () => {
    expect(findViewerServices({ services: [] })).toEqual({ patientView: undefined, orderSelect: undefined, orderSign: undefined });
  });
});
