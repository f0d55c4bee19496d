import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ObservabilityMetrics } from './observability.metrics';

/** Prometheus scrape endpoint. Labels hold service ids, route patterns, rules and statuses only (no PHI). */
@Controller()
export class MetricsController {
  constructor(@Inject(ObservabilityMetrics) private readonly metrics: ObservabilityMetrics) {}

  @Get('metrics')
  async scrape(@Res() res: Response): Promise<void> {
    const { contentType, body } = await this.metrics.exposition();
    res.status(200).setHeader('Content-Type', contentType).setHeader('Cache-Control', 'no-store').send(body);
  }
}
