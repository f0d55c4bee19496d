import type { CanActivate, ExecutionContext } from '@nestjs/common';
import request from 'supertest';
import { createCdsHooksTestApp, HOOK_ENDPOINT_WAYS, RecordingCdsService } from '../testing';
import type * as HookEndpointGuards from './hook-endpoint-guards';
import { HookController } from './hook.controller';

// A guard added to HOOK_ENDPOINT_GUARDS, the one list, guards the hook endpoint both ways, and sees the same
// controller and handler (what Reflector metadata is read from) both ways.

/** What the added guard saw, per call. */
const mockSeen: { controller: unknown; handler: unknown }[] = [];

jest.mock('./hook-endpoint-guards', () => {
  const actual = jest.requireActual<typeof HookEndpointGuards>('./hook-endpoint-guards');
  // Declared here: the mock is built while the imports above load, before this file's own declarations run.
  class RefusingTestGuard implements CanActivate {
    canActivate(context: ExecutionContext): boolean {
      mockSeen.push({ controller: context.getClass(), handler: context.getHandler() });
      return context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers['x-let-me-in'] === 'yes';
    }
  }
  return { HOOK_ENDPOINT_GUARDS: [...actual.HOOK_ENDPOINT_GUARDS, RefusingTestGuard] };
});

const hook = { hook: 'patient-view', hookInstance: 'guard-list', context: { patientId: 'p1' } };

describe.each(HOOK_ENDPOINT_WAYS)('a guard added to HOOK_ENDPOINT_GUARDS, %s', (_way, http) => {
  it('refuses the call (403 OperationOutcome, service not called) and lets it through when it says so', async () => {
    const service = new RecordingCdsService({ prefetch: {} });
    const app = await createCdsHooksTestApp({ services: [service], rateLimit: false }, { http });
    mockSeen.length = 0;
    try {
      const refused = await request(app.server).post('/cds-services/recording-service').send(hook);
      expect(refused.status).toBe(403);
      expect(refused.body.resourceType).toBe('OperationOutcome');
      expect(service.received).toHaveLength(0);
      await request(app.server).post('/cds-services/recording-service').set('X-Let-Me-In', 'yes').send(hook).expect(200);
      expect(mockSeen).toEqual([
        { controller: HookController, handler: HookController.prototype.callService },
        { controller: HookController, handler: HookController.prototype.callService },
      ]);
    } finally {
      await app.close();
    }
  });
});
