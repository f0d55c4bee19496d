import type * as Model from '@pcb-cds/cds-hooks-model';
import type * as Viewer from './cds-wire';

/**
 * Type-level: what the page sends is a valid model request, and what the service answers fits what the page
 * reads. Checked by the workspace type-check (`tsc -p tsconfig.typecheck.json`); Jest only runs the assertion.
 */
type Assignable<From, To> = [From] extends [To] ? true : false;

const checks: true[] = [
  true satisfies Assignable<Viewer.HookRequest, Model.HookRequest>,
  true satisfies Assignable<Viewer.FeedbackRequest, Model.FeedbackRequest>,
  true satisfies Assignable<Model.CdsResponse, Viewer.CdsResponse>,
  true satisfies Assignable<Model.Card, Viewer.Card>,
  true satisfies Assignable<Model.DiscoveryResponse, Viewer.DiscoveryResponse>,
];

describe('the page’s copy of the CDS Hooks wire types', () => {
  it('stays assignable to and from the model', () => {
    expect(checks.every(Boolean)).toBe(true);
  });
});
