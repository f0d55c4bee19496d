import { Controller, Inject, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CdsHookInvoker } from './cds-hook-invoker.service';
import { HookBodyReader } from './hook-body-reader';
import { answerHookCall } from './hook-call';
import { HOOK_ENDPOINT_GUARDS } from './hook-endpoint-guards';

/**
 * The hook endpoint, `POST {baseUrl}/cds-services/{id}` (CDS Hooks 2.0 §Calling a CDS Service). Its guards are
 * HOOK_ENDPOINT_GUARDS (after the global client authentication). Unless `fastHookRoute: false`, the fast hook route
 * (hook-route.ts) answers these calls ahead of Nest with the same guards, reader and answers.
 */
@Controller('cds-services')
export class HookController {
  constructor(
    // Explicit @Inject keeps these value imports (Nest DI needs the classes at run time).
    @Inject(CdsHookInvoker) private readonly invoker: CdsHookInvoker,
    @Inject(HookBodyReader) private readonly reader: HookBodyReader,
  ) {}

  /** Writes its answer itself (`@Res`), as the fast route does, so that both send the same bytes. */
  @Post(':id')
  @UseGuards(...HOOK_ENDPOINT_GUARDS)
  callService(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return answerHookCall({ invoker: this.invoker, reader: this.reader }, id, req, res);
  }
}
