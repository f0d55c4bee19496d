import { Body, Controller, Get, Headers, HttpCode, Logger, NotFoundException, Param, Post, UnauthorizedException } from '@nestjs/common';

/** Stands in for a CDS Hooks controller: same routes, no guideline, logs the way real code might. */
@Controller('cds-services')
export class DummyCdsController {
  static readonly SERVICES = ['svc-a', 'svc-b'];
  private readonly logger = new Logger('DummyCds');

  @Get()
  discovery(): { services: Array<{ id: string }> } {
    return { services: DummyCdsController.SERVICES.map((id) => ({ id })) };
  }

  @Post(':id')
  @HttpCode(200)
  async invoke(
    @Param('id') id: string,
    @Body() body: { note?: string } | undefined,
    @Headers('authorization') authorization: string | undefined,
  ): Promise<{ cards: unknown[] }> {
    if (!DummyCdsController.SERVICES.includes(id)) {
      throw new NotFoundException();
    }
    if (authorization === 'Bearer reject-me') {
      throw new UnauthorizedException();
    }
    // After an await: the correlation id must survive asynchronous hops.
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.logger.log(`invoking ${id}${body?.note ? `: ${body.note}` : ''}`);
    if (authorization) {
      // Careless code quoting a header: the logger must redact it.
      this.logger.warn(`request came with authorization: ${authorization}`);
    }
    return { cards: [] };
  }

  @Post(':id/feedback')
  @HttpCode(200)
  feedback(@Param('id') id: string): Record<string, never> {
    this.logger.log(`feedback for ${id}`);
    return {};
  }
}
