import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ResolvedCardViewerOptions } from './card-viewer.options';
import { CARD_VIEWER_OPTIONS } from './card-viewer.options';
import { CdsForwarder } from './cds-forwarder.service';
import { cdsServicesPath, isServiceId } from './cds-service-path';
import { scopeRefusal } from './hook-call-scope';
import { sameServerBaseUrl } from './same-server-base-url';
import { accessRefusal } from './viewer-access';
import { problem, send } from './viewer-answer';

/**
 * The page's only way to the CDS service: `/viewer/api/cds-services[/{id}[/feedback]]`. Always used, signing on
 * or off, so the page never needs CORS, never holds a key, and behaves the same in both modes.
 * Each call is checked in this order before anything is signed or forwarded: who asks (own page, access
 * token: viewer-access.ts), the service id, the body, and what is asked for (hook-call-scope.ts).
 * The body arrives parsed by the app's JSON parser (configureCdsHooksHttp).
 */
@Controller('viewer/api/cds-services')
export class CdsProxyController {
  constructor(
    // Explicit @Inject keeps these value imports (Nest DI needs them at run time).
    @Inject(CdsForwarder) private readonly forwarder: CdsForwarder,
    @Inject(CARD_VIEWER_OPTIONS) private readonly options: ResolvedCardViewerOptions,
  ) {}

  @Get()
  async discovery(@Req() req: Request, @Res() res: Response): Promise<void> {
    const refused = accessRefusal(req.headers, this.options);
    if (refused) {
      send(res, refused);
      return;
    }
    send(res, await this.forwarder.forward({ method: 'GET', baseUrl: this.baseUrl(req), path: cdsServicesPath() }));
  }

  @Post(':id')
  async invoke(@Param('id') id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.post(id, false, body, req, res);
  }

  @Post(':id/feedback')
  async feedback(@Param('id') id: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.post(id, true, body, req, res);
  }

  private async post(id: string, feedback: boolean, body: unknown, req: Request, res: Response): Promise<void> {
    const refused = accessRefusal(req.headers, this.options);
    if (refused) {
      send(res, refused);
      return;
    }
    if (!isServiceId(id)) {
      send(res, problem(400, 'value', 'Not a CDS service id'));
      return;
    }
    if (body === undefined || body === null || typeof body !== 'object') {
      send(res, problem(400, 'structure', 'The request body must be a JSON object (Content-Type: application/json)'));
      return;
    }
    const outOfScope = scopeRefusal({ serviceId: id, feedback, body }, this.options);
    if (outOfScope) {
      send(res, outOfScope);
      return;
    }
    send(res, await this.forwarder.forward({ method: 'POST', baseUrl: this.baseUrl(req), path: cdsServicesPath(id, feedback), body }));
  }

  private baseUrl(req: Request): string {
    return this.options.cdsBaseUrl ? this.options.cdsBaseUrl() : sameServerBaseUrl(req.socket);
  }
}
