import type { CanActivate, Type } from '@nestjs/common';
import { CdsRateLimitGuard } from './cds-rate-limit.guard';
import { JsonContentTypeGuard } from './json-content-type.guard';

/**
 * The guards of the hook endpoint, `POST /cds-services/{id}`, in the order they run. Add a guard here and both ways
 * the endpoint is served run it: the Nest route (HookController's `@UseGuards`) and the fast hook route
 * (hook-route.ts), the same instance both ways (Nest builds it in CdsHooksApiModule; the fast route asks the app for it).
 *
 * Client authentication runs before all of them on both ways, so an unknown caller's body is never read: Nest runs
 * it as a global guard (CdsClientAuthModule registers it as APP_GUARD), the fast route runs the same instance
 * first (the CDS_CLIENT_GUARD token). It is not listed here: listed, the Nest route would run it a second time.
 */
export const HOOK_ENDPOINT_GUARDS: readonly Type<CanActivate>[] = [CdsRateLimitGuard, JsonContentTypeGuard];
