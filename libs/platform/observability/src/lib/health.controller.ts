import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { ReadinessReport } from './readiness-check';
import { ReadinessService } from './readiness.service';

/** Liveness and readiness probes. Outside `/cds-services`: no CDS client authentication, no patient data. */
@Controller()
export class HealthController {
  // Explicit @Inject: the class must stay a value import for Nest's DI whatever the type-import lint says.
  constructor(@Inject(ReadinessService) private readonly readiness: ReadinessService) {}

  /** Liveness: answering at all means the event loop runs; it checks no dependency (a restart would not fix one). */
  @Get('health')
  @Header('Cache-Control', 'no-store')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: 200 when every registered check passes, 503 naming each check's status otherwise. */
  @Get('ready')
  @Header('Cache-Control', 'no-store')
  async ready(@Res({ passthrough: true }) res: Response): Promise<ReadinessReport> {
    const report = await this.readiness.report();
    res.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}
