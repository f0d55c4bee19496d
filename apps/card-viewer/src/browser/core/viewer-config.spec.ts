import type { ViewerConfig as ServedConfig } from '@pcb-cds/card-viewer-backend';
import type { ViewerConfig } from './viewer-config';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

describe('the page’s copy of the viewer configuration', () => {
  it('is the shape the backend serves (checked by the workspace type-check)', () => {
    const same: true = true satisfies Same<ViewerConfig, ServedConfig>;
    expect(same).toBe(true);
  });
});
