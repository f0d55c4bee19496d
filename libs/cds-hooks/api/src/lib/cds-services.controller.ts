import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import type { DiscoveryResponse } from '@pcb-cds/cds-hooks-model';
import { CdsRateLimitGuard } from './cds-rate-limit.guard';
import { CdsServiceRegistry } from './cds-service.registry';

/** Discovery: `{baseUrl}/cds-services`. Service calls (`POST {baseUrl}/cds-services/{id}`) are HookController's. */
@Controller('cds-services')
@UseGuards(CdsRateLimitGuard) // controller guards run after global ones: the auth guard has set req.cdsClient
export class CdsServicesController {
  constructor(
    // Explicit @Inject keeps these value imports (Nest DI needs the classes at run time).
    @Inject(CdsServiceRegistry) private readonly registry: CdsServiceRegistry,
  ) {}

  @Get()
  discovery(): DiscoveryResponse {
    return { services: this.registry.definitions() };
  }
}
