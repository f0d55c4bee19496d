import { Body, Controller, Get, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import type { CdsResponse, DiscoveryResponse } from '@pcb-cds/cds-hooks-model';
import { CdsHookInvoker } from './cds-hook-invoker.service';
import { CdsRateLimitGuard } from './cds-rate-limit.guard';
import { CdsServiceRegistry } from './cds-service.registry';
import { JsonContentTypeGuard } from './json-content-type.guard';

/** Discovery and service invocation: `{baseUrl}/cds-services` and `{baseUrl}/cds-services/{id}`. */
@Controller('cds-services')
@UseGuards(CdsRateLimitGuard) // controller guards run after global ones: the auth guard has set req.cdsClient
export class CdsServicesController {
  constructor(
    // Explicit @Inject keeps these value imports (Nest DI needs the classes at run time).
    @Inject(CdsServiceRegistry) private readonly registry: CdsServiceRegistry,
    @Inject(CdsHookInvoker) private readonly invoker: CdsHookInvoker,
  ) {}

  @Get()
  discovery(): DiscoveryResponse {
    return { services: this.registry.definitions() };
  }

  @Post(':id')
  @HttpCode(200) // Nest answers POST with 201 by default; CDS Hooks says 200
  @UseGuards(JsonContentTypeGuard)
  invoke(@Param('id') id: string, @Body() body: unknown): Promise<CdsResponse> {
    return this.invoker.invoke(id, body);
  }
}
