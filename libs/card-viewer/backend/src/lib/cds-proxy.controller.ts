import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ResolvedCardViewerOptions } from './card-viewer.options';
import { CARD_VIEWER_OPTIONS } from './card-viewer.options';
import type { ForwardedResponse } from './cds-forwarder.service';
import { CdsForwarder } from './cds-forwarder.service';
import { cdsServicesPath, isServiceId } from './cds-service-path';
import { operationOutcome } from './operation-outcome';
import { sameServerBaseUrl } from './same-server-base-url';

/**
 * The page's only way to the CDS service: `/viewer/api/cds-services[/{id}[/feedback]]`. Always used, signing on
 * or off, so the page never needs CORS, never holds a key, and behaves the same in both modes.
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
    if (!isServiceId(id)) {
      send(res, problem(400, 'value', 'Not a CDS service id'));
      return;
    }
    if (body === undefined || body === null || typeof body !== 'object') {
      send(res, problem(400, 'structure', 'The request body must be a JSON object (Content-Type: application/json)'));
      return;
    }
    send(res, await this.forwarder.forward({ method: 'POST', baseUrl: this.baseUrl(req), path: cdsServicesPath(id, feedback), body }));
  }

  private baseUrl(req: Request): string {
    return this.options.cdsBaseUrl ? this.options.cdsBaseUrl() : sameServerBaseUrl(req.socket);
  }
}

function send(res: Response, forwarded: ForwardedResponse): void {
  res.status(forwarded.status).type(forwarded.contentType).send(forwarded.body);
}

function problem(status: number, code: string, diagnostics: string): ForwardedResponse {
  return { status, contentType: 'application/json', body: JSON.stringify(operationOutcome(code, diagnostics)) };
}
